# Nynorsk. Each message id is the same in nb.ftl, nn.ftl and en.ftl (a test checks it).

## The room: the operator's panel

room-title = Rommet
room-agenda = Agenda
room-agenda-total = { $count } fasar, { $minutes } min
room-standard-agenda = Standard 2½ time
room-start = Start
room-next = Neste fase
room-previous = Førre fase
room-stop = Stopp
room-send = Send til projektor
room-sent-at = Projektoren viser det som vart sendt { $time }
room-not-sent = Ingenting er sendt til projektoren enno
room-moderation = Moderering ({ $count } ventar)
room-nothing-waiting = Ingen innspel ventar
room-approve = Godkjenn
room-hide = Skjul
room-hide-reason = Grunn til å skjule
room-unhide = Vis igjen
room-hidden-because = Skjult: { $reason }
room-pins = Innspel på kartet
room-place-pin = Set ei nål på kartet
room-pin-story = Forteljing
room-votes = Røysting
room-vote-question = Spørsmål
room-vote-default-question = Kva bør kommunen prioritere?
room-vote-on = Røyst på
room-vote-on-proposals = Framlegg
room-vote-on-levers = Verkemiddel
room-vote-on-pins = Innspel
room-vote-dots = Prikkar per person
room-vote-open = Opne røystinga
room-vote-close = Avslutt og vis resultatet
room-vote-reopen = Opne igjen
room-vote-paper = Prikkar frå papir
room-vote-ballot = Registrer prikkane til ein person
room-vote-nothing = Ingenting å røyste på enno
room-parking-add = Legg til
room-parking-text = Kva modellen ikkje viser
room-parking-from = Frå
room-none = ingen
room-check-add = Legg til eit svar
room-kiosk-idle = Kiosken startar på nytt etter (s)

## The agenda's standard phases

phase-welcome = Velkomen og ramme
phase-today = Biletet i dag
phase-predict = Spå og test
phase-map-jam = Kartjam
phase-groups = Gruppeframlegg
phase-break = Pause
phase-plenary = Samanlikn og kombiner
phase-prioritise = Prioriter
phase-debrief = Oppsummering
phase-close = Avslutning og vegen vidare

## The projector

projector-not-started = Ikkje starta
projector-over-time = over tida
projector-vote-open = Røystinga er open
projector-voted = { $count ->
    [one] { $count } person har røysta
   *[other] { $count } personar har røysta
}
projector-dots = { $count ->
    [one] { $count } prikk
   *[other] { $count } prikkar
}
projector-no-vote = Inga røysting enno
projector-debrief-prompts = Kva overraska dykk? Kva manglar modellen? Kva bør kommunen teste først?
projector-responses = { $count ->
    [one] { $count } svar
   *[other] { $count } svar
}
projector-pins = { $count ->
    [one] { $count } innspel på kartet
   *[other] { $count } innspel på kartet
}
projector-waiting = Ventar på at operatøren sender
projector-sources-key = S: kvar tala kjem frå

parking-title = Ikkje i modellen
parked-idea = Idé
parked-effect = Verknad
parked-concern = Uro

process-title = Prosessjekk
statement-equality = Alle røyster talde likt
statement-knowledge = Vi delte kunnskap og ressursar
statement-learning = Vi lærte saman
statement-leadership = Leiinga var delt
statement-influence = Eg påverka resultatet

pin-energy = Energi
pin-waste = Avfall
pin-mobility = Transport
pin-place_i_like = Ein stad eg likar
pin-problem = Eit problem
pin-idea = Ein idé

## The journal

journal-agenda = Agenda endra
journal-phase = Fase: { $name }
journal-agenda-stopped = Agendaen stoppa
journal-pin-added = Nytt innspel #{ $id }: { $story }
journal-pin-removed = Innspel #{ $id } fjerna
journal-pin-approved = Innspel #{ $id } godkjent
journal-pin-hidden = Innspel #{ $id } skjult: { $reason }
journal-pin-pending = Innspel #{ $id } tilbake i køen
journal-pin-liked = Innspel #{ $id } likt
journal-vote-opened = Røysting opna: { $question }
journal-vote-changed = Røysting: { $question }
journal-vote-closed = Røysting avslutta: { $question }
journal-vote-removed = Røysting fjerna: { $question }
journal-parked = Ikkje i modellen: { $text }
journal-parked-removed = Fjerna frå «ikkje i modellen»: { $text }
journal-response = Prosessjekk: eit svar
journal-response-removed = Prosessjekk: eit svar fjerna
journal-kiosk-idle = Kiosken startar på nytt etter { $seconds } s

## The citizen kiosk

kiosk-title = Kva vil du at kommunen skal gjere?
kiosk-levers = Dine val
kiosk-outcomes = Kva det tyder for eit hushald i { $year }
kiosk-today = I dag: { $value }
kiosk-start-over = Start på nytt
kiosk-map-hint = Trykk på kartet for å seie noko om ein stad
kiosk-pin-title = Kva handlar det om?
kiosk-pin-story = Skriv kort kva du tenkjer (valfritt)
kiosk-send = Send
kiosk-cancel = Avbryt
kiosk-thanks = Takk! Innspelet ditt er sendt og blir vist når det er godkjent.
kiosk-not-sent = Innspelet kunne ikkje sendast. Sei gjerne frå til ein av arrangørane.
kiosk-lever-heat_pump_programme = Fleire varmepumper
kiosk-lever-retrofit_rate = Etterisoler fleire bustader
kiosk-lever-pv_rollout = Solceller på taka
kiosk-lever-ev_share = Fleire elbilar
kiosk-lever-smart_charging_share = Lad bilen om natta
kiosk-lever-sorting_campaign = Sorter meir matavfall og plast
kiosk-lever-waste_prevention = Kast mindre
kiosk-outcome-ghg_per_capita = Utslepp per person
kiosk-outcome-waste_per_person = Avfall per person
kiosk-outcome-household_energy_cost = Energikostnad per hushald

## The operator's panels, charts and notices

files-session-saved = Økta er lagra.
scenarios-the-damaged-file-was-kept = Den skadde fila er lagd til sides som
scenarios-workshop = Verkstad
scenarios-no-good-version-of-the = Ingen god versjon av økta: startar ei ny.
main-no-display = ingen skjerm å opne eit vindauge på: korkje DISPLAY eller WAYLAND_DISPLAY er sett (start det frå ei skrivebordsøkt, eller under Xvfb for automatisering)
charts-electricity = Straum
charts-district-heat = Fjernvarme
charts-bio = Bio
charts-oil = Olje
charts-petrol = Bensin
charts-diesel = Diesel
charts-waste = Avfall
charts-final-energy-by-carrier = Energibruk etter energiberar
charts-greenhouse-gas-per-resident = Klimagassutslepp per innbyggjar
charts-modelled-energy-use = Utslepp frå energibruk (modellert)
charts-peak-hourly-grid-import = Høgaste timeeffekt frå nettet
charts-district-heat-by-source = Fjernvarme etter kjelde
charts-waste-by-treatment = Avfall etter handsaming
charts-coldest-week-hour-by-hour = Kaldaste veke, time for time
charts-load-duration-curve-of-grid = Varigheitskurve for nettimport
charts-whole-municipality = Heile kommunen
charts-other-sectors = Andre sektorar
charts-day = dag
charts-hours = timar
charts-target = Mål
charts-grid-capacity = Nettkapasitet
charts-electricity-demand = Straumbehov
charts-grid-import = Import frå nettet
charts-ev-charging = Elbillading
charts-solar = Solkraft
charts-reuse = Ombruk
charts-recycling = Materialattvinning
charts-biogas = Biogass
charts-composting = Kompostering
charts-incineration = Forbrenning
charts-landfill = Deponi
charts-hazardous-treatment = Farleg avfall
charts-bottom-ash = Botnoske
dashboard-no-results-for-this-year = Ingen resultat for året
dashboard-met = nådd
dashboard-not-met = ikkje nådd
levers-policy-levers = Tiltak
levers-reset-all = Nullstill alle
levers-back-to-the-scenario-file = Tilbake til scenariofila sine eigne verdiar
levers-expert-timing = Ekspert: tidsplan
levers-reset = Nullstill
levers-the-timing-is-edited-in = Tidsplanen blir endra i scenariofila (levers: start_year, ramp_years).
levers-lever = Tiltak
levers-start = Start
levers-ramp-years = Opptrapping, år
levers-expert-all-parameters = Ekspert: alle parametrar
mod-session-not-saved = økt ikkje lagra
mod-the-session-saves-itself = Økta vert lagra av seg sjølv
mod-open-scenario = Opne scenario…
mod-save-session = Lagra økt
mod-export-b = Eksporter B…
mod-presenter = Storskjerm
mod-one-map = Eitt kart
mod-groups = Grupper
mod-spread = Spreiing
mod-map = Kart:
mod-height = Høgd
mod-raise-districts-in-proportion-to = Løft bydelane i høve til verdien
mod-play-space = Spel av (mellomrom)
mod-proposal-form = Framleggsskjema
mod-snapshots = Augneblinksbilete
mod-actions-and-outcomes = Handlingar og utfall
mod-year-for-hourly-values = År for timeverdiar:
mod-the-model-could-not-compute = Modellen kunne ikkje rekna ut desse innstillingane; viser førre resultat.
mod-computing = Reknar…
mod-click-to-narrow-the-charts = Klikk for å velja bydelen i grafane
mod-notice = Melding
mod-that-did-not-work = Det gjekk ikkje
mod-note = Merk
mod-nothing-was-changed = Ingenting er endra.
mod-blue-lower-than-a-red = Blå: lågare enn A. Raud: høgare.
mod-same-scale-for-every-year = Same skala for alle år
session-baseline = Referanse
session-room-package = Romet sin pakke
session-session = Økt
session-redo-ctrl-y = Gjer om (Ctrl+Y)
session-undo-ctrl-z = Angra (Ctrl+Z)
session-new-proposal = + Nytt framlegg
session-combine-median = Kombiner (median)
session-the-room-s-package-the = Romet sin pakke: medianen av verdiane til gruppene for kvart tiltak
session-replay-last-change = Spel av siste endring
session-import-session = Importer økt…
session-add-the-proposals-of-another = Legg til framlegga frå ei anna økt (eit anna bord, ein annan stad)
session-show-as-a-the-reference = Vis som A (referansen)
session-show-as-b-compared-lever = Vis som B (den som vert samanlikna; tiltak vert flytta her)
session-name = Namn
session-role = Rolle
session-why = Kvifor?
session-not-in-the-model = Ikkje i modellen
session-remove-proposal = Fjern framlegget
session-the-room-s-first-try = Romet sitt første forsøk
session-take-snapshot = Ta bilete
session-reopen-as-proposal = Opne som framlegg
session-no-changes-yet = Ingen endringar enno
session-undone = Angra:{" "}
session-redone = Gjort om:{" "}
session-room-package-removed = Romet sin pakke fjerna
session-spread-over-the-groups = Spreiing mellom gruppene
session-no-group-has-moved-a = Inga gruppe har flytta eit tiltak enno.
session-bar-lowest-to-highest-value = Stolpe: lågaste til høgaste verdi. Blå strek: median. Grå strek: verdien i scenarioet. Tal: grupper som flytta tiltaket.
session-the-room-s-package-against = Romet sin pakke mot målet
session-combine-the-proposals-to-make = Kombiner framlegga for å laga romet sin pakke.
session-computing = Reknar ut …
session-each-lever-of-the-package = Kvart tiltak i pakken vert målt med og utan seg sjølv; verknaden vert delt likt mellom gruppene som flytta det same veg.
sources-source = kjelde
sources-estimate = overslag
sources-source-estimate = kjelde + overslag
sources-note = merknad
sources-where-the-numbers-come-from = Kvar tala kjem frå
sources-the-scenario-file-has-no = Scenariofila har inga kjeldeliste (`sources`).
sources-the-scenario = scenariet
view-english = Nynorsk
view-energy = Energi
view-emissions = Utslepp
view-grid-peak = Effekttopp
view-winter-week = Vinterveke
view-load-duration = Varigheitskurve
## Units (the catalogue's names are in twin-core/i18n)

unit-share-per-year = {" "}%/år
files-session-filter = Verkstadøkt (RON)
files-scenario-filter = Scenario (RON)
projector-window-title = Kommunetvilling – projektor
map-not-made = Kartet kunne ikkje lagast
kiosk-concern = Gjeld det eit av vala?
kiosk-concern-none = nei, noko anna

## Whole sentences with their values

dashboard-change = { $change } mot { $reference } { $base }
dashboard-same = Som { $reference } { $base }
dashboard-target-line = Mål { $year }: { $bound } { $value } ({ $verdict })
dashboard-heading = { $a }  mot  { $b }
projector-baseline-value = Referanse { $value }
projector-target-value = Mål { $year }: { $value }
projector-to-target-value = Til mål: { $gap }
mod-selected-name = Vald: { $name }
mod-change-legend = { $quantity }: endring mot { $reference }
charts-target-year = Mål { $year }
charts-all-waste-of = { $name } (avfall i alt)
charts-import-of = { $name } (import)
session-new-proposal-named = Nytt framlegg: { $name }
session-removed-named = Fjerna { $name }
session-edited-named = Endra { $name }
session-snapshot-named = Bilete «{ $name }»
session-deleted-snapshot-named = Sletta bilete «{ $name }»
session-room-package-made = Pakka til rommet ({ $rule ->
    [min] lågaste verdi
    [max] høgaste verdi
   *[median] median
} av framlegga)
session-opened-named = Opna { $name }
session-builtin-scenario = det innebygde scenariet
session-imported-changes = Importerte { $count ->
    [one] éi endring
   *[other] { $count } endringar
}
session-maps-show-change-against = Karta viser endring mot { $name } (blått lågare, raudt høgare)
session-spread-line = { $min } – { $max } (median { $median }) · { $moved }/{ $groups }
session-gap-line = { $kpi } { $year }: referanse { $baseline } · mål { $target } · pakka { $package } { $unit }
session-package-closes-percent = Pakka lukkar { $percent } % av gapet
session-share-of-gap = { $percent } % av gapet
files-imported-from = { $count ->
    [one] Eitt framlegg
   *[other] { $count } framlegg
} importert frå { $file }
files-with-undo-hint = { $text } (angra med Ctrl+Z)
files-is-the-scenario-file = { $file }: dette er scenariofila økta byggjer på; ho vert aldri skriven over. Vel eit nytt namn.
files-exported-to-file = Eksportert til { $file }
workshop-proposal-number = Framlegg { $number }
scenarios-opened-generation = Opna den nyaste gode versjonen: { $file }
sources-count = { $notes ->
    [one] éin merknad
   *[other] { $notes } merknader
}, { $estimates } med overslag
levers-range-value = Område: { $min } – { $max }
levers-in-file-value = I scenariofila: { $value }
levers-from-value = Frå: { $value }
room-ranking-line = { $choice }: { $dots }
dashboard-kpi-code = U4SSC-indikator { $code }
dashboard-kpi-extension = Modellen sin eigen indikator (ikkje i U4SSC)

## The core's errors and warnings

problem-place = { $file }, linje { $line }, kolonne { $column }
problem-issue = { $place }: feltet `{ $field }`: { $text }
problem-warning = åtvaring: { $text }
problem-not-found = fila finst ikkje
problem-permission = ingen tilgang til fila
problem-cannot-read = { $file }: kan ikkje lesast: { $reason }
problem-too-large = { $file }: fila er større enn dei { $limit } bytane ho kan ha
problem-not-utf8 = { $place }: ikkje UTF-8-tekst (fila må vere UTF-8 RON)
problem-parse = { $place }: feltet `{ $field }` kan ikkje lesast som RON: { $message }
problem-session-scenario = { $file }: scenariet som er lagra i økta, opnar ikkje:
problem-out-of-range = venta ein verdi frå { $lo } til { $hi } { $unit }, fann { $found }
problem-not-finite = venta eit endeleg tal frå { $lo } til { $hi } { $unit }, fann { $found }
problem-unusual = { $value } { $unit } er utanfor det vanlege for ein norsk kommune, { $lo }–{ $hi } { $unit } ({ $source })
problem-shares-sum = delane må summere til 1, dei summerer til { $sum }
problem-no-proposal = Det finst ikkje noko framlegg nr. { $id }
problem-full = Ei økt har plass til høgst { $max } framlegg
problem-id-taken = Nr. { $id } er alt i bruk
problem-no-name = Namnet kan ikkje vere tomt
problem-stale = Økta er ikkje lenger slik denne endringa ventar: { $detail }
problem-lever-range = { $lever } = { $value } er utanfor området { $min } til { $max } { $unit }
problem-nothing-to-undo = Det er ingenting å angre
problem-nothing-to-redo = Det er ingenting å gjere om att
problem-import-other-scenario = Øktene brukar ulike scenario (scenario-hash { $ours } her, { $theirs } der)
problem-import-full = Denne økta har plass til { $room } framlegg til, den andre har { $wanted }
files-session-saved-in = Økta vert lagra i { $file }
files-handout-folder = Mappe for utdelingsarket
files-handout-written = Utdelingsarket er skrive: { $file } (delingskode { $code })
mod-handout = Utdelingsark…
projector-share-code = Delingskode

promise-title = Innverknad og neste steg ({ $level })
promise-level = Innverknad
promise-next-steps = Neste steg
promise-remove-step = Fjern steget
promise-step-what = Kva skjer med innspela …
promise-step-when = … og når
promise-add-step = Legg til steg
journal-influence = Innverknad sett til { $level }
journal-promise = Neste steg endra
projector-influence = Innverknad: { $level }
projector-next-steps = Neste steg
projector-priorities = Prioriteringane i rommet
files-no-map-picture = Kartbiletet (map.png) vart ikkje laga: inkje kart på skjermen. Vis kartet og lag utdelingsarket på nytt.
