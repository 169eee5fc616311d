/**
 * Wording banks of the airline sample domain (SkyWay Air). Written for this domain alone: nothing here
 * is shared with the analyzer (no import either way; a test checks), so finding these intents,
 * situations and moves in the calls measures learning, not lookup. Each entry has paraphrases and
 * `{slot}` marks filled per call.
 */
export const AIRLINE_INTENTS = ['book_flight', 'cancel_trip', 'change_flight', 'baggage_problem', 'seat_upgrade'] as const;
export const AIRLINE_SITUATIONS = ['fee_upset', 'urgent_travel', 'family_emergency', 'policy_confused', 'frequent_flyer'] as const;
export const AIRLINE_MOVES = ['waive_fee', 'offer_voucher', 'explain_rules', 'rebook_alternative', 'supervisor_handoff'] as const;

export type AirlineIntent = (typeof AIRLINE_INTENTS)[number];
export type AirlineSituation = (typeof AIRLINE_SITUATIONS)[number];
export type AirlineMove = (typeof AIRLINE_MOVES)[number];

export const AIRLINE_GREETINGS = [
  'SkyWay Air reservations, you are speaking with {agent}. What brings you in today?',
  'Welcome to SkyWay Air, {agent} here. How may I assist with your travel?',
  'Good {daypart}, this is {agent} at SkyWay Air customer care.',
];

/**
 * Lines are composed from parts (one pick per part), so each meaning is said in many combinations, as
 * callers do, rather than as a handful of fixed sentences a clusterer could separate one by one.
 */
export type Composed = readonly (readonly string[])[];

/** What the caller wants: the first thing they say. */
export const AIRLINE_GOALS: Record<AirlineIntent, Composed> = {
  book_flight: [
    ['I would like to', 'I want to', 'Can I', 'I am hoping to'],
    ['book a flight', 'reserve a seat on a flight', 'purchase a ticket', 'book a new itinerary'],
    ['from {city} to {city2}', 'to {city2} on {date}', 'for one passenger to {city2}', 'departing {city} on {date}'],
  ],
  cancel_trip: [
    ['I need to', 'Please', 'I want to', 'Could you'],
    ['cancel my trip', 'cancel my reservation', 'cancel the booking', 'call off my flight'],
    ['to {city2}, confirmation {pnr}', 'for {date}, I will not be travelling', 'and get my fare back', 'because my plans fell through'],
  ],
  change_flight: [
    ['I need to', 'Can I', 'I would like to', 'Is it possible to'],
    ['change my flight', 'move my flight', 'reschedule my flight', 'switch my flight'],
    ['to a later date', 'to the following week', 'to an earlier departure', 'by two days'],
  ],
  baggage_problem: [
    ['My suitcase', 'My checked bag', 'My luggage', 'One of my bags'],
    ['never arrived at {city2}', 'did not show up on the carousel', 'came out damaged', 'is still missing'],
    ['after flight {flight}', 'and the baggage tag is {tag}', 'since yesterday', 'at baggage claim'],
  ],
  seat_upgrade: [
    ['I would like to', 'Can I', 'I want to', 'Is there a way to'],
    ['upgrade to business class', 'move up to first class', 'get a premium cabin upgrade', 'upgrade my seat to premium economy'],
    ['on my flight to {city2}', 'on {flight}', 'using my miles', 'for trip {pnr}'],
  ],
};

/** The caller's situation, said when they give their confirmation code. */
export const AIRLINE_SITUATION_LINES: Record<AirlineSituation, Composed> = {
  fee_upset: [
    ['It is {pnr}.', 'Code {pnr}.', 'Sure, {pnr}.'],
    ['Honestly your fees are outrageous,', 'I refuse to pay another fee,', 'These extra charges are absurd,', 'I am not paying a penalty fee again,'],
    ['you charge for everything.', 'it is highway robbery.', 'the charges keep piling up.', 'on top of a pricey fare.'],
  ],
  urgent_travel: [
    ['It is {pnr}.', 'Code {pnr}.', 'Sure, {pnr}.'],
    ['I am in a huge rush,', 'This is really urgent,', 'Time is very short,', 'I am racing the clock,'],
    ['I must arrive before tomorrow morning.', 'I have to get there urgently tonight.', 'I cannot miss my deadline tomorrow.', 'I need to arrive as soon as possible.'],
  ],
  family_emergency: [
    ['It is {pnr}.', 'Code {pnr}.', 'Sure, {pnr}.'],
    ['There is a family emergency,', 'My mother was rushed to hospital,', 'My father is seriously ill,', 'We had a death in the family,'],
    ['and my family needs me home.', 'so I have to be with my family.', 'it is a family emergency.', 'and I need to get to the hospital.'],
  ],
  policy_confused: [
    ['It is {pnr}.', 'Code {pnr}.', 'Sure, {pnr}.'],
    ['I do not understand the fare conditions,', 'The rules on your website confuse me,', 'Nobody explained the ticket conditions,', 'I read the terms twice,'],
    ['what am I entitled to?', 'and I cannot figure out the rules.', 'so I am confused about what is allowed.', 'and the conditions make no sense to me.'],
  ],
  frequent_flyer: [
    ['It is {pnr}.', 'Code {pnr}.', 'Sure, {pnr}.'],
    ['I am a gold tier member,', 'I have platinum status,', 'I hold elite loyalty status,', 'As a diamond level member,'],
    ['and I fly with you every month.', 'I have been loyal for years.', 'with a million miles on your airline.', 'so I expect some loyalty in return.'],
  ],
};

/** The agent's move in answer to the situation: the act, phrased many ways. */
export const AIRLINE_MOVE_LINES: Record<AirlineMove, Composed> = {
  waive_fee: [
    ['Given the circumstances', 'In this case', 'Good news,', 'Let me help:'],
    ['I am removing that fee completely,', 'I have dropped the fee for you,', 'I will waive the fee entirely,', 'I can wipe that fee off,'],
    ['you will not pay it.', 'no fee today.', 'consider it waived.', 'it is removed from your total.'],
  ],
  offer_voucher: [
    ['What I can do is', 'As a gesture I can', 'Instead, let me', 'I would like to'],
    ['give you a travel voucher of {credit}', 'issue a {credit} voucher', 'add a {credit} credit voucher', 'offer a {credit} travel credit'],
    ['toward a future trip.', 'for your next journey.', 'valid for a year on any route.', 'to use on any flight.'],
  ],
  explain_rules: [
    ['Let me walk you through the fare rules:', 'According to the fare rules,', 'The fare conditions state that', 'Per our conditions of carriage,'],
    ['your ticket class sets what is permitted', 'this fare type only allows it under specific conditions', 'the basic ticket carries restrictions', 'this kind of ticket has limits'],
    ['and here is how they apply.', 'which I should outline for you.', 'as written in the tariff.', 'so the rules apply here.'],
  ],
  rebook_alternative: [
    ['I found another option', 'There is an alternative flight', 'I can rebook you on a different flight', 'Let me offer another itinerary'],
    ['departing at {time}', 'leaving at {time} via {city3}', 'at {time} with a connection in {city3}', 'on the {time} departure'],
    ['that still has open seats, shall I book it?', 'and I can hold that seat now.', 'which gets you there sooner.', 'if that works I will rebook you.'],
  ],
  supervisor_handoff: [
    ['I am going to bring in', 'Let me pass your case to', 'I will route you to', 'This needs'],
    ['my supervisor', 'a senior supervisor', 'our supervisor desk', 'a supervisor on my team'],
    ['who has more authority.', 'to review it.', 'so please hold.', 'who will take it from here.'],
  ],
};

/** Which situations callers of each intent are in. */
export const INTENT_SITUATIONS: Record<AirlineIntent, AirlineSituation[]> = {
  book_flight: ['urgent_travel', 'fee_upset', 'frequent_flyer'],
  cancel_trip: ['family_emergency', 'fee_upset', 'policy_confused'],
  change_flight: ['urgent_travel', 'fee_upset', 'family_emergency'],
  baggage_problem: ['fee_upset', 'urgent_travel', 'frequent_flyer'],
  seat_upgrade: ['frequent_flyer', 'policy_confused', 'fee_upset'],
};

export const INTENT_TOOLS: Record<AirlineIntent, string[]> = {
  book_flight: ['search_flights', 'create_booking'],
  cancel_trip: ['get_reservation', 'cancel_booking'],
  change_flight: ['get_reservation', 'search_flights', 'modify_booking'],
  baggage_problem: ['get_reservation', 'trace_bag'],
  seat_upgrade: ['get_reservation', 'check_cabin', 'apply_upgrade'],
};

export const AIRLINE_CODE_REQUESTS = [
  'Happy to help. May I have your six character confirmation code?',
  'Certainly. What is the record locator on the ticket?',
  'Of course, could you read me the booking reference please?',
];

export const AIRLINE_GOOD_REACTIONS = ['Oh, that is a relief, perfect.', 'That works for me, great.', 'Wonderful, yes please do that.', 'Okay, that sounds fair to me.'];
export const AIRLINE_BAD_REACTIONS = ['That does not help me at all.', 'No, that is not acceptable.', 'Seriously? That is useless to me.', 'I am not satisfied with that.'];
export const AIRLINE_WRAP_UPS = ['Your updated itinerary is on its way by email. Safe travels!', 'Everything is set on my side. Enjoy your flight!', 'All done, you will see the confirmation shortly.'];
export const AIRLINE_THANKS = ['Thanks a lot, goodbye.', 'Thank you so much for sorting it out.', 'Appreciate it, bye now.'];
export const AIRLINE_GIVE_UPS = ['Forget it, I will book with another airline.', 'I am done with this, goodbye.', 'Never mind, I will sort it out myself.'];
export const AIRLINE_HANDOFF_REQUESTS = ['Put me through to a real person please.', 'I want to talk to someone above you.'];
export const AIRLINE_HANDOFF_LINES = ['Transferring you to a colleague now.', 'One moment, I will connect you to the next available agent.'];

export const AIRLINE_CITIES = ['Denver', 'Boston', 'Seattle', 'Miami', 'Chicago', 'Phoenix', 'Atlanta', 'Dallas'];
export const AIRLINE_AGENT_NAMES = ['Morgan', 'Casey', 'Taylor', 'Jamie'];
