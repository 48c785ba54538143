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

## The operator's panels, charts and notices

files-session-saved = Session saved.
scenarios-the-damaged-file-was-kept = The damaged file was kept as
scenarios-workshop = Workshop
scenarios-no-good-version-of-the = No good version of the session: starting a new one.
main-no-display = no screen to open a window on: neither DISPLAY nor WAYLAND_DISPLAY is set (start it from a desktop session, or under Xvfb for automation)
charts-electricity = Electricity
charts-district-heat = District heat
charts-bio = Bio
charts-oil = Oil
charts-petrol = Petrol
charts-diesel = Diesel
charts-waste = Waste
charts-final-energy-by-carrier = Final energy by carrier
charts-greenhouse-gas-per-resident = Greenhouse gas per resident
charts-modelled-energy-use = Emissions of energy use (modelled)
charts-peak-hourly-grid-import = Peak hourly grid import
charts-district-heat-by-source = District heat by source
charts-waste-by-treatment = Waste by treatment
charts-coldest-week-hour-by-hour = Coldest week, hour by hour
charts-load-duration-curve-of-grid = Load-duration curve of grid import
charts-whole-municipality = Whole municipality
charts-other-sectors = Other sectors
charts-day = day
charts-hours = hours
charts-target = Target
charts-grid-capacity = Grid capacity
charts-electricity-demand = Electricity demand
charts-grid-import = Grid import
charts-ev-charging = EV charging
charts-solar = Solar
charts-reuse = Reuse
charts-recycling = Recycling
charts-biogas = Biogas
charts-composting = Composting
charts-incineration = Incineration
charts-landfill = Landfill
charts-hazardous-treatment = Hazardous treatment
charts-bottom-ash = Bottom ash
dashboard-no-results-for-this-year = No results for this year
dashboard-met = met
dashboard-not-met = not met
levers-policy-levers = Policy levers
levers-reset-all = Reset all
levers-back-to-the-scenario-file = Back to the scenario file's own values
levers-expert-timing = Expert: timing
levers-reset = Reset
levers-the-timing-is-edited-in = The timing is edited in the scenario file (levers: start_year, ramp_years).
levers-lever = Lever
levers-start = Start
levers-ramp-years = Ramp, years
levers-expert-all-parameters = Expert: all parameters
mod-session-not-saved = session not saved
mod-the-session-saves-itself = The session saves itself
mod-open-scenario = Open scenario…
mod-save-session = Save session
mod-export-b = Export B…
mod-presenter = Presenter
mod-one-map = One map
mod-groups = Groups
mod-spread = Spread
mod-map = Map:
mod-height = Height
mod-raise-districts-in-proportion-to = Raise districts in proportion to the value
mod-play-space = Play (space)
mod-proposal-form = Proposal form
mod-snapshots = Snapshots
mod-actions-and-outcomes = Actions and outcomes
mod-year-for-hourly-values = Year for hourly values:
mod-the-model-could-not-compute = The model could not compute these settings; showing the previous result.
mod-computing = Computing…
mod-click-to-narrow-the-charts = Click to narrow the charts to this district
mod-notice = Notice
mod-that-did-not-work = That did not work
mod-note = Note
mod-nothing-was-changed = Nothing was changed.
mod-blue-lower-than-a-red = Blue: lower than A. Red: higher.
mod-same-scale-for-every-year = Same scale for every year
session-baseline = Baseline
session-room-package = Room package
session-session = Session
session-redo-ctrl-y = Redo (Ctrl+Y)
session-undo-ctrl-z = Undo (Ctrl+Z)
session-new-proposal = + New proposal
session-combine-median = Combine (median)
session-the-room-s-package-the = The room's package: the median of the groups' values for each lever
session-replay-last-change = Replay last change
session-import-session = Import session…
session-add-the-proposals-of-another = Add the proposals of another session (another table, another site)
session-show-as-a-the-reference = Show as A (the reference)
session-show-as-b-compared-lever = Show as B (compared; lever moves go here)
session-name = Name
session-role = Role
session-why = Why?
session-not-in-the-model = Not in the model
session-remove-proposal = Remove proposal
session-the-room-s-first-try = The room's first try
session-take-snapshot = Take snapshot
session-reopen-as-proposal = Reopen as proposal
session-no-changes-yet = No changes yet
session-undone = Undone:{" "}
session-redone = Redone:{" "}
session-room-package-removed = Room package removed
session-spread-over-the-groups = Spread over the groups
session-no-group-has-moved-a = No group has moved a lever yet.
session-bar-lowest-to-highest-value = Bar: lowest to highest value. Blue mark: median. Grey mark: the scenario's value. Count: groups that moved the lever.
session-the-room-s-package-against = The room's package against the target
session-combine-the-proposals-to-make = Combine the proposals to make the room's package.
session-computing = Computing …
session-each-lever-of-the-package = Each lever of the package is measured with and without it; its effect is shared equally by the groups that moved it the same way.
sources-source = source
sources-estimate = estimate
sources-source-estimate = source + estimate
sources-note = note
sources-where-the-numbers-come-from = Where the numbers come from
sources-the-scenario-file-has-no = The scenario file has no source list (`sources`).
sources-the-scenario = the scenario
view-english = English
view-energy = Energy
view-emissions = Emissions
view-grid-peak = Grid peak
view-winter-week = Winter week
view-load-duration = Load duration
## Units (the catalogue's names are in twin-core/i18n)

unit-share-per-year = {" "}%/yr
files-session-filter = Workshop session (RON)
files-scenario-filter = Scenario (RON)
projector-window-title = Municipal twin – projector
map-not-made = The map could not be made
kiosk-concern = Is it about one of the choices?
kiosk-concern-none = no, something else

## Whole sentences with their values

dashboard-change = { $change } vs { $reference } { $base }
dashboard-same = Same as { $reference } { $base }
dashboard-target-line = Target { $year }: { $bound } { $value } ({ $verdict })
dashboard-heading = { $a }  vs  { $b }
projector-baseline-value = Baseline { $value }
projector-target-value = Target { $year }: { $value }
projector-to-target-value = To target: { $gap }
mod-selected-name = Selected: { $name }
mod-change-legend = { $quantity }: change vs { $reference }
charts-target-year = Target { $year }
charts-all-waste-of = { $name } (all waste)
charts-import-of = { $name } (import)
session-new-proposal-named = New proposal: { $name }
session-removed-named = Removed { $name }
session-edited-named = Edited { $name }
session-snapshot-named = Snapshot “{ $name }”
session-deleted-snapshot-named = Deleted snapshot “{ $name }”
session-room-package-made = The room's package ({ $rule ->
    [min] lowest value
    [max] highest value
   *[median] median
} of the proposals)
session-opened-named = Opened { $name }
session-builtin-scenario = the built-in scenario
session-imported-changes = Imported { $count ->
    [one] one change
   *[other] { $count } changes
}
session-maps-show-change-against = The maps show the change against { $name } (blue lower, red higher)
session-spread-line = { $min } – { $max } (median { $median }) · { $moved }/{ $groups }
session-gap-line = { $kpi } { $year }: baseline { $baseline } · target { $target } · package { $package } { $unit }
session-package-closes-percent = The package closes { $percent } % of the gap
session-share-of-gap = { $percent } % of the gap
files-imported-from = { $count ->
    [one] One proposal
   *[other] { $count } proposals
} imported from { $file }
files-with-undo-hint = { $text } (undo with Ctrl+Z)
files-is-the-scenario-file = { $file }: this is the scenario file the session runs on; it is never written over. Choose a new name.
files-exported-to-file = Exported to { $file }
workshop-proposal-number = Proposal { $number }
scenarios-opened-generation = Opened the newest good version: { $file }
sources-count = { $notes ->
    [one] one note
   *[other] { $notes } notes
}, { $estimates } with estimates
levers-range-value = Range: { $min } – { $max }
levers-in-file-value = In the scenario file: { $value }
levers-from-value = From: { $value }
room-ranking-line = { $choice }: { $dots }
dashboard-kpi-code = U4SSC indicator { $code }
dashboard-kpi-extension = The model's own indicator (not in U4SSC)

## The core's errors and warnings

problem-place = { $file }, line { $line }, column { $column }
problem-issue = { $place }: field `{ $field }`: { $text }
problem-warning = warning: { $text }
problem-not-found = the file does not exist
problem-permission = no permission to read the file
problem-cannot-read = { $file }: cannot read: { $reason }
problem-too-large = { $file }: the file is larger than the { $limit } bytes it may have
problem-not-utf8 = { $place }: not UTF-8 text (the file must be UTF-8 RON)
problem-parse = { $place }: field `{ $field }` cannot be read as RON: { $message }
problem-session-scenario = { $file }: the scenario kept in the session does not open:
problem-out-of-range = expected a value from { $lo } to { $hi } { $unit }, found { $found }
problem-not-finite = expected a finite number from { $lo } to { $hi } { $unit }, found { $found }
problem-unusual = { $value } { $unit } is outside the usual { $lo }–{ $hi } { $unit } for a Norwegian municipality ({ $source })
problem-shares-sum = the shares must sum to 1, they sum to { $sum }
problem-no-proposal = There is no proposal #{ $id }
problem-full = A session holds at most { $max } proposals
problem-id-taken = Id #{ $id } is already in use
problem-no-name = A name cannot be empty
problem-stale = The session is no longer as this change expects: { $detail }
problem-lever-range = { $lever } = { $value } is outside its range { $min } to { $max } { $unit }
problem-nothing-to-undo = Nothing to undo
problem-nothing-to-redo = Nothing to redo
problem-import-other-scenario = The sessions run on different scenarios (scenario hash { $ours } here, { $theirs } there)
problem-import-full = This session has room for { $room } more proposals, the other has { $wanted }
files-session-saved-in = The session is saved in { $file }
files-handout-folder = Folder for the handout
files-handout-written = The handout is written: { $file } (share code { $code })
mod-handout = Handout…
projector-share-code = Share code

promise-title = Influence and next steps ({ $level })
promise-level = Influence
promise-next-steps = Next steps
promise-remove-step = Remove the step
promise-step-what = What happens to the input …
promise-step-when = … and when
promise-add-step = Add step
journal-influence = Influence set to { $level }
journal-promise = Next steps changed
projector-influence = Influence: { $level }
projector-next-steps = Next steps
projector-priorities = The room's priorities
files-no-map-picture = The map picture (map.png) was not made: no map on screen. Show the map and write the handout again.
