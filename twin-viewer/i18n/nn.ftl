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
room-placing-pin = Klikk på kartet der nåla skal stå
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
projector-baseline = Referanse
projector-target = Mål { $year }
projector-to-target = Til mål
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
kiosk-outcomes = Kva det tyder for ein husstand i { $year }
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
kiosk-outcome-household_energy_cost = Energikostnad per husstand
