# Bokmål. Each message id is the same in nb.ftl, nn.ftl and en.ftl (a test checks it).

## The room: the operator's panel

room-title = Rommet
room-agenda = Agenda
room-agenda-total = { $count } faser, { $minutes } min
room-standard-agenda = Standard 2½ time
room-start = Start
room-next = Neste fase
room-previous = Forrige fase
room-stop = Stopp
room-send = Send til projektor
room-sent-at = Projektoren viser det som ble sendt { $time }
room-not-sent = Ingenting er sendt til projektoren ennå
room-moderation = Moderering ({ $count } venter)
room-nothing-waiting = Ingen innspill venter
room-approve = Godkjenn
room-hide = Skjul
room-hide-reason = Grunn til å skjule
room-unhide = Vis igjen
room-hidden-because = Skjult: { $reason }
room-pins = Innspill på kartet
room-place-pin = Sett en nål på kartet
room-pin-story = Fortelling
room-votes = Avstemning
room-vote-question = Spørsmål
room-vote-default-question = Hva bør kommunen prioritere?
room-vote-on = Stem på
room-vote-on-proposals = Forslag
room-vote-on-levers = Virkemidler
room-vote-on-pins = Innspill
room-vote-dots = Prikker per person
room-vote-open = Åpne avstemningen
room-vote-close = Avslutt og vis resultatet
room-vote-reopen = Åpne igjen
room-vote-paper = Prikker fra papir
room-vote-ballot = Registrer en persons prikker
room-vote-nothing = Ingenting å stemme på ennå
room-parking-add = Legg til
room-parking-text = Hva modellen ikke viser
room-parking-from = Fra
room-none = ingen
room-check-add = Legg til et svar
room-kiosk-idle = Kiosken starter på nytt etter (s)

## The agenda's standard phases

phase-welcome = Velkommen og ramme
phase-today = Dagens bilde
phase-predict = Spå og test
phase-map-jam = Kartjam
phase-groups = Gruppeforslag
phase-break = Pause
phase-plenary = Sammenlign og kombiner
phase-prioritise = Prioriter
phase-debrief = Oppsummering
phase-close = Avslutning og veien videre

## The projector

projector-not-started = Ikke startet
projector-over-time = over tiden
projector-vote-open = Avstemningen er åpen
projector-voted = { $count ->
    [one] { $count } person har stemt
   *[other] { $count } personer har stemt
}
projector-dots = { $count ->
    [one] { $count } prikk
   *[other] { $count } prikker
}
projector-no-vote = Ingen avstemning ennå
projector-debrief-prompts = Hva overrasket dere? Hva mangler modellen? Hva bør kommunen teste først?
projector-responses = { $count ->
    [one] { $count } svar
   *[other] { $count } svar
}
projector-pins = { $count ->
    [one] { $count } innspill på kartet
   *[other] { $count } innspill på kartet
}
projector-waiting = Venter på at operatøren sender
projector-sources-key = S: hvor tallene kommer fra

parking-title = Ikke i modellen
parked-idea = Idé
parked-effect = Virkning
parked-concern = Bekymring

process-title = Prosessjekk
statement-equality = Alle stemmer telte likt
statement-knowledge = Vi delte kunnskap og ressurser
statement-learning = Vi lærte sammen
statement-leadership = Ledelsen var delt
statement-influence = Jeg påvirket resultatet

pin-energy = Energi
pin-waste = Avfall
pin-mobility = Transport
pin-place_i_like = Et sted jeg liker
pin-problem = Et problem
pin-idea = En idé

## The journal

journal-agenda = Agenda endret
journal-phase = Fase: { $name }
journal-agenda-stopped = Agendaen stoppet
journal-pin-added = Nytt innspill #{ $id }: { $story }
journal-pin-removed = Innspill #{ $id } fjernet
journal-pin-approved = Innspill #{ $id } godkjent
journal-pin-hidden = Innspill #{ $id } skjult: { $reason }
journal-pin-pending = Innspill #{ $id } tilbake i køen
journal-pin-liked = Innspill #{ $id } likt
journal-vote-opened = Avstemning åpnet: { $question }
journal-vote-changed = Avstemning: { $question }
journal-vote-closed = Avstemning avsluttet: { $question }
journal-vote-removed = Avstemning fjernet: { $question }
journal-parked = Ikke i modellen: { $text }
journal-parked-removed = Fjernet fra «ikke i modellen»: { $text }
journal-response = Prosessjekk: et svar
journal-response-removed = Prosessjekk: et svar fjernet
journal-kiosk-idle = Kiosken starter på nytt etter { $seconds } s

## The citizen kiosk

kiosk-title = Hva vil du at kommunen skal gjøre?
kiosk-levers = Dine valg
kiosk-outcomes = Hva det betyr for en husholdning i { $year }
kiosk-today = I dag: { $value }
kiosk-start-over = Start på nytt
kiosk-map-hint = Trykk på kartet for å si noe om et sted
kiosk-pin-title = Hva handler det om?
kiosk-pin-story = Skriv kort hva du tenker (valgfritt)
kiosk-send = Send
kiosk-cancel = Avbryt
kiosk-thanks = Takk! Innspillet ditt er sendt og vises når det er godkjent.
kiosk-not-sent = Innspillet kunne ikke sendes. Si gjerne fra til en av arrangørene.
kiosk-lever-heat_pump_programme = Flere varmepumper
kiosk-lever-retrofit_rate = Etterisoler flere boliger
kiosk-lever-pv_rollout = Solceller på takene
kiosk-lever-ev_share = Flere elbiler
kiosk-lever-smart_charging_share = Lad bilen om natten
kiosk-lever-sorting_campaign = Sorter mer matavfall og plast
kiosk-lever-waste_prevention = Kast mindre
kiosk-outcome-ghg_per_capita = Utslipp per person
kiosk-outcome-waste_per_person = Avfall per person
kiosk-outcome-household_energy_cost = Energikostnad per husholdning

## The operator's panels, charts and notices

files-session-saved = Økta er lagret.
scenarios-the-damaged-file-was-kept = Den skadde fila er lagt til side som
scenarios-workshop = Verksted
scenarios-no-good-version-of-the = Ingen god versjon av økta: starter en ny.
main-no-display = ingen skjerm å åpne et vindu på: verken DISPLAY eller WAYLAND_DISPLAY er satt (start det fra en skrivebordsøkt, eller under Xvfb for automatisering)
charts-electricity = Strøm
charts-district-heat = Fjernvarme
charts-bio = Bio
charts-oil = Olje
charts-petrol = Bensin
charts-diesel = Diesel
charts-waste = Avfall
charts-final-energy-by-carrier = Energibruk etter energibærer
charts-greenhouse-gas-per-resident = Klimagassutslipp per innbygger
charts-modelled-energy-use = Utslipp fra energibruk (modellert)
charts-peak-hourly-grid-import = Høyeste timeeffekt fra nettet
charts-district-heat-by-source = Fjernvarme etter kilde
charts-waste-by-treatment = Avfall etter behandling
charts-coldest-week-hour-by-hour = Kaldeste uke, time for time
charts-load-duration-curve-of-grid = Varighetskurve for nettimport
charts-whole-municipality = Hele kommunen
charts-other-sectors = Andre sektorer
charts-day = dag
charts-hours = timer
charts-target = Mål
charts-grid-capacity = Nettkapasitet
charts-electricity-demand = Strømbehov
charts-grid-import = Import fra nettet
charts-ev-charging = Elbillading
charts-solar = Solkraft
charts-reuse = Ombruk
charts-recycling = Materialgjenvinning
charts-biogas = Biogass
charts-composting = Kompostering
charts-incineration = Forbrenning
charts-landfill = Deponi
charts-hazardous-treatment = Farlig avfall
charts-bottom-ash = Bunnaske
dashboard-no-results-for-this-year = Ingen resultater for året
dashboard-met = nådd
dashboard-not-met = ikke nådd
levers-policy-levers = Tiltak
levers-reset-all = Nullstill alle
levers-back-to-the-scenario-file = Tilbake til scenariofilens egne verdier
levers-expert-timing = Ekspert: tidsplan
levers-reset = Nullstill
levers-the-timing-is-edited-in = Tidsplanen endres i scenariofila (levers: start_year, ramp_years).
levers-lever = Tiltak
levers-start = Start
levers-ramp-years = Opptrapping, år
levers-expert-all-parameters = Ekspert: alle parametre
mod-session-not-saved = økt ikke lagret
mod-the-session-saves-itself = Økta lagres av seg selv
mod-open-scenario = Åpne scenario…
mod-save-session = Lagre økt
mod-export-b = Eksporter B…
mod-presenter = Storskjerm
mod-one-map = Ett kart
mod-groups = Grupper
mod-spread = Spredning
mod-map = Kart:
mod-height = Høyde
mod-raise-districts-in-proportion-to = Løft bydelene i forhold til verdien
mod-play-space = Spill av (mellomrom)
mod-proposal-form = Forslagsskjema
mod-snapshots = Øyeblikksbilder
mod-actions-and-outcomes = Handlinger og utfall
mod-year-for-hourly-values = År for timeverdier:
mod-the-model-could-not-compute = Modellen kunne ikke regne ut disse innstillingene; viser forrige resultat.
mod-computing = Beregner…
mod-click-to-narrow-the-charts = Klikk for å velge bydelen i grafene
mod-notice = Melding
mod-that-did-not-work = Det gikk ikke
mod-note = Merk
mod-nothing-was-changed = Ingenting er endret.
mod-blue-lower-than-a-red = Blå: lavere enn A. Rød: høyere.
mod-same-scale-for-every-year = Samme skala for alle år
session-baseline = Referanse
session-room-package = Rommets pakke
session-session = Økt
session-redo-ctrl-y = Gjør om (Ctrl+Y)
session-undo-ctrl-z = Angre (Ctrl+Z)
session-new-proposal = + Nytt forslag
session-combine-median = Kombiner (median)
session-the-room-s-package-the = Rommets pakke: medianen av gruppenes verdi for hvert tiltak
session-replay-last-change = Spill av siste endring
session-import-session = Importer økt…
session-add-the-proposals-of-another = Legg til forslagene fra en annen økt (et annet bord, et annet sted)
session-show-as-a-the-reference = Vis som A (referansen)
session-show-as-b-compared-lever = Vis som B (den som sammenlignes; tiltak flyttes her)
session-name = Navn
session-role = Rolle
session-why = Hvorfor?
session-not-in-the-model = Ikke i modellen
session-remove-proposal = Fjern forslaget
session-the-room-s-first-try = Rommets første forsøk
session-take-snapshot = Ta bilde
session-reopen-as-proposal = Åpne som forslag
session-no-changes-yet = Ingen endringer ennå
session-undone = Angret:{" "}
session-redone = Gjort om:{" "}
session-room-package-removed = Rommets pakke fjernet
session-spread-over-the-groups = Spredning mellom gruppene
session-no-group-has-moved-a = Ingen gruppe har flyttet et tiltak ennå.
session-bar-lowest-to-highest-value = Stolpe: laveste til høyeste verdi. Blå strek: median. Grå strek: scenarioets verdi. Tall: grupper som flyttet tiltaket.
session-the-room-s-package-against = Rommets pakke mot målet
session-combine-the-proposals-to-make = Kombiner forslagene for å lage rommets pakke.
session-computing = Regner ut …
session-each-lever-of-the-package = Hvert tiltak i pakken måles med og uten seg selv; virkningen deles likt mellom gruppene som flyttet det samme vei.
sources-source = kilde
sources-estimate = anslag
sources-source-estimate = kilde + anslag
sources-note = merknad
sources-where-the-numbers-come-from = Hvor tallene kommer fra
sources-the-scenario-file-has-no = Scenariofila har ingen kildeliste (`sources`).
sources-the-scenario = scenariet
view-english = Bokmål
view-energy = Energi
view-emissions = Utslipp
view-grid-peak = Effekttopp
view-winter-week = Vinteruke
view-load-duration = Varighetskurve
## Units (the catalogue's names are in twin-core/i18n)

unit-share-per-year = {" "}%/år
files-session-filter = Verkstedøkt (RON)
files-scenario-filter = Scenario (RON)
projector-window-title = Kommunetvilling – projektor
map-not-made = Kartet kunne ikke lages
kiosk-concern = Gjelder det et av valgene?
kiosk-concern-none = nei, noe annet

## Whole sentences with their values

dashboard-change = { $change } mot { $reference } { $base }
dashboard-same = Som { $reference } { $base }
dashboard-target-line = Mål { $year }: { $bound } { $value } ({ $verdict })
dashboard-heading = { $a }  mot  { $b }
projector-baseline-value = Referanse { $value }
projector-target-value = Mål { $year }: { $value }
projector-to-target-value = Til mål: { $gap }
mod-selected-name = Valgt: { $name }
mod-change-legend = { $quantity }: endring mot { $reference }
charts-target-year = Mål { $year }
charts-all-waste-of = { $name } (avfall i alt)
charts-import-of = { $name } (import)
session-new-proposal-named = Nytt forslag: { $name }
session-removed-named = Fjernet { $name }
session-edited-named = Endret { $name }
session-snapshot-named = Bilde «{ $name }»
session-deleted-snapshot-named = Slettet bilde «{ $name }»
session-room-package-made = Rommets pakke ({ $rule ->
    [min] laveste verdi
    [max] høyeste verdi
   *[median] median
} av forslagene)
session-opened-named = Åpnet { $name }
session-builtin-scenario = det innebygde scenariet
session-imported-changes = Importerte { $count ->
    [one] én endring
   *[other] { $count } endringer
}
session-maps-show-change-against = Kartene viser endring mot { $name } (blått lavere, rødt høyere)
session-spread-line = { $min } – { $max } (median { $median }) · { $moved }/{ $groups }
session-gap-line = { $kpi } { $year }: referanse { $baseline } · mål { $target } · pakken { $package } { $unit }
session-package-closes-percent = Pakken lukker { $percent } % av gapet
session-share-of-gap = { $percent } % av gapet
files-imported-from = { $count ->
    [one] Ett forslag
   *[other] { $count } forslag
} importert fra { $file }
files-with-undo-hint = { $text } (angre med Ctrl+Z)
files-is-the-scenario-file = { $file }: dette er scenariofila økta bygger på; den skrives aldri over. Velg et nytt navn.
files-exported-to-file = Eksportert til { $file }
workshop-proposal-number = Forslag { $number }
scenarios-opened-generation = Åpnet den nyeste gode versjonen: { $file }
sources-count = { $notes ->
    [one] én merknad
   *[other] { $notes } merknader
}, { $estimates } med anslag
levers-range-value = Område: { $min } – { $max }
levers-in-file-value = I scenariofila: { $value }
levers-from-value = Fra: { $value }
room-ranking-line = { $choice }: { $dots }
dashboard-kpi-code = U4SSC-indikator { $code }
dashboard-kpi-extension = Modellens egen indikator (ikke i U4SSC)

## The core's errors and warnings

problem-place = { $file }, linje { $line }, kolonne { $column }
problem-issue = { $place }: feltet `{ $field }`: { $text }
problem-warning = advarsel: { $text }
problem-not-found = fila finnes ikke
problem-permission = ingen tilgang til fila
problem-cannot-read = { $file }: kan ikke leses: { $reason }
problem-too-large = { $file }: fila er større enn de { $limit } bytene den kan ha
problem-not-utf8 = { $place }: ikke UTF-8-tekst (fila må være UTF-8 RON)
problem-parse = { $place }: feltet `{ $field }` kan ikke leses som RON: { $message }
problem-session-scenario = { $file }: scenariet som er lagret i økta, åpner ikke:
problem-out-of-range = forventet en verdi fra { $lo } til { $hi } { $unit }, fant { $found }
problem-not-finite = forventet et endelig tall fra { $lo } til { $hi } { $unit }, fant { $found }
problem-unusual = { $value } { $unit } er utenfor det vanlige for en norsk kommune, { $lo }–{ $hi } { $unit } ({ $source })
problem-shares-sum = andelene må summere til 1, de summerer til { $sum }
problem-no-proposal = Det finnes ikke noe forslag nr. { $id }
problem-full = En økt har plass til høyst { $max } forslag
problem-id-taken = Nr. { $id } er allerede i bruk
problem-no-name = Navnet kan ikke være tomt
problem-stale = Økta er ikke lenger slik denne endringen venter: { $detail }
problem-lever-range = { $lever } = { $value } er utenfor området { $min } til { $max } { $unit }
problem-nothing-to-undo = Det er ingenting å angre
problem-nothing-to-redo = Det er ingenting å gjøre om igjen
problem-import-other-scenario = Øktene bruker ulike scenarier (scenario-hash { $ours } her, { $theirs } der)
problem-import-full = Denne økta har plass til { $room } forslag til, den andre har { $wanted }
files-session-saved-in = Økta lagres i { $file }
files-handout-folder = Mappe for utdelingsarket
files-handout-written = Utdelingsarket er skrevet: { $file } (delingskode { $code })
mod-handout = Utdelingsark…
projector-share-code = Delingskode

promise-title = Innflytelse og neste steg ({ $level })
promise-level = Innflytelse
promise-next-steps = Neste steg
promise-remove-step = Fjern steget
promise-step-what = Hva skjer med innspillene …
promise-step-when = … og når
promise-add-step = Legg til steg
journal-influence = Innflytelse satt til { $level }
journal-promise = Neste steg endret
projector-influence = Innflytelse: { $level }
projector-next-steps = Neste steg
projector-priorities = Rommets prioriteringer
files-no-map-picture = Kartbildet (map.png) ble ikke laget: ingen kart på skjermen. Vis kartet og lag utdelingsarket på nytt.
