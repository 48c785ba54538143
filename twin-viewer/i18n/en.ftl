# English. Each message id is the same in nb.ftl, nn.ftl and en.ftl (a test checks it).

## The room: the operator's panel

room-title = The room
room-agenda = Agenda
room-agenda-total = { $count } phases, { $minutes } min
room-standard-agenda = Standard 2½ hours
room-start = Start
room-next = Next phase
room-previous = Previous phase
room-stop = Stop
room-send = Send to projector
room-sent-at = The projector shows what was sent at { $time }
room-not-sent = Nothing has been sent to the projector yet
room-moderation = Moderation ({ $count } waiting)
room-nothing-waiting = No pins waiting
room-approve = Approve
room-hide = Hide
room-hide-reason = Reason for hiding
room-unhide = Show again
room-hidden-because = Hidden: { $reason }
room-pins = Pins on the map
room-place-pin = Place a pin on the map
room-placing-pin = Click the map where the pin goes
room-pin-story = Story
room-votes = Voting
room-vote-question = Question
room-vote-default-question = What should the municipality prioritise?
room-vote-on = Vote on
room-vote-on-proposals = Proposals
room-vote-on-levers = Levers
room-vote-on-pins = Pins
room-vote-dots = Dots per person
room-vote-open = Open the vote
room-vote-close = Close and reveal the result
room-vote-reopen = Reopen
room-vote-paper = Dots from paper
room-vote-ballot = Record one person's dots
room-vote-nothing = Nothing to vote on yet
room-parking-add = Add
room-parking-text = What the model does not show
room-parking-from = From
room-none = none
room-check-add = Add a response
room-kiosk-idle = The kiosk starts afresh after (s)

## The agenda's standard phases

phase-welcome = Welcome and frame
phase-today = Today's picture
phase-predict = Predict and test
phase-map-jam = Map jam
phase-groups = Group proposals
phase-break = Break
phase-plenary = Compare and combine
phase-prioritise = Prioritise
phase-debrief = Debrief
phase-close = Close and next steps

## The projector

projector-not-started = Not started
projector-over-time = over time
projector-baseline = Baseline
projector-target = Target { $year }
projector-to-target = To target
projector-vote-open = Voting is open
projector-voted = { $count ->
    [one] { $count } person has voted
   *[other] { $count } people have voted
}
projector-dots = { $count ->
    [one] { $count } dot
   *[other] { $count } dots
}
projector-no-vote = No vote yet
projector-debrief-prompts = What surprised you? What did the model miss? What should the municipality test first?
projector-responses = { $count ->
    [one] { $count } response
   *[other] { $count } responses
}
projector-pins = { $count ->
    [one] { $count } pin on the map
   *[other] { $count } pins on the map
}
projector-waiting = Waiting for the operator to send
projector-sources-key = S: where the numbers come from

parking-title = Not in the model
parked-idea = Idea
parked-effect = Effect
parked-concern = Concern

process-title = Process check
statement-equality = Every voice counted equally
statement-knowledge = We exchanged knowledge and resources
statement-learning = We learned together
statement-leadership = Leadership was shared
statement-influence = I influenced the result

pin-energy = Energy
pin-waste = Waste
pin-mobility = Mobility
pin-place_i_like = A place I like
pin-problem = A problem
pin-idea = An idea

## The journal

journal-agenda = Agenda changed
journal-phase = Phase: { $name }
journal-agenda-stopped = Agenda stopped
journal-pin-added = New pin #{ $id }: { $story }
journal-pin-removed = Pin #{ $id } removed
journal-pin-approved = Pin #{ $id } approved
journal-pin-hidden = Pin #{ $id } hidden: { $reason }
journal-pin-pending = Pin #{ $id } back in the queue
journal-pin-liked = Pin #{ $id } liked
journal-vote-opened = Vote opened: { $question }
journal-vote-changed = Vote: { $question }
journal-vote-closed = Vote closed: { $question }
journal-vote-removed = Vote removed: { $question }
journal-parked = Not in the model: { $text }
journal-parked-removed = Removed from "not in the model": { $text }
journal-response = Process check: a response
journal-response-removed = Process check: a response removed
journal-kiosk-idle = The kiosk starts afresh after { $seconds } s

## The citizen kiosk

kiosk-title = What would you like the municipality to do?
kiosk-levers = Your choices
kiosk-outcomes = What it means for a household in { $year }
kiosk-today = Today: { $value }
kiosk-start-over = Start over
kiosk-map-hint = Tap the map to say something about a place
kiosk-pin-title = What is it about?
kiosk-pin-story = Write briefly what you think (optional)
kiosk-send = Send
kiosk-cancel = Cancel
kiosk-thanks = Thank you! Your comment has been sent and will show once approved.
kiosk-not-sent = Your comment could not be sent. Please tell one of the organisers.
kiosk-lever-heat_pump_programme = More heat pumps
kiosk-lever-retrofit_rate = Insulate more homes
kiosk-lever-pv_rollout = Solar panels on roofs
kiosk-lever-ev_share = More electric cars
kiosk-lever-smart_charging_share = Charge the car at night
kiosk-lever-sorting_campaign = Sort more food waste and plastic
kiosk-lever-waste_prevention = Throw away less
kiosk-outcome-ghg_per_capita = Emissions per person
kiosk-outcome-waste_per_person = Waste per person
kiosk-outcome-household_energy_cost = Energy cost per household
