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
room-placing-pin = Klikk på kartet der nålen skal stå
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
projector-baseline = Referanse
projector-target = Mål { $year }
projector-to-target = Til mål
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
