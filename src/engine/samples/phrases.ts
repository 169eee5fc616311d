import type { SampleIntent, SampleStrategy, SampleTrigger } from './truth';

/**
 * Wording banks for the sample calls. Each situation and each agent move has several paraphrases so
 * the analyzer has to recognise the move, not a fixed sentence. `{slot}` marks are filled per call.
 */

export const CUSTOMER_FIRST_NAMES = [
  'Maria', 'James', 'Aisha', 'Wei', 'Carlos', 'Priya', 'John', 'Olga', 'Kwame', 'Sofia', 'Liam', 'Hannah',
  'Mateo', 'Yuki', 'Fatima', 'David', 'Elena', 'Omar', 'Grace', 'Noah', 'Ines', 'Tomasz', 'Chloe', 'Ravi',
];
export const CUSTOMER_LAST_NAMES = [
  'Lopez', 'Smith', 'Khan', 'Chen', 'Garcia', 'Patel', 'Johnson', 'Ivanova', 'Mensah', 'Rossi', 'Murphy', 'Schmidt',
  'Fernandez', 'Tanaka', 'Haddad', 'Brown', 'Novak', 'Farouk', 'Kim', 'Williams', 'Silva', 'Kowalski', 'Martin', 'Iyer',
];
export const STREETS = ['Maple Avenue', 'Oak Street', 'Sunset Boulevard', 'Pine Road', 'Elm Court', 'Harbor Drive', 'Cedar Lane'];
export const CITIES = ['Springfield', 'Portland', 'Austin', 'Columbus', 'Raleigh', 'Madison', 'Tucson'];
export const PRODUCTS = ['boots', 'denim jacket', 'jeans', 'wool shirt', 'running shoes', 'backpack', 'rain coat'];
export const AGENT_NAMES = ['Ava', 'Sam', 'Jordan', 'Riley'];

export const GREETINGS = [
  'Thank you for calling Acme Outfitters, this is {agent}. How can I help you today?',
  'Hi, you have reached Acme Outfitters support, {agent} speaking. What can I do for you?',
  'Good {daypart}, Acme Outfitters, my name is {agent}. How may I help?',
];

/** The customer's opening line: what they want (intent) in the situation (trigger). */
export const OPENERS: Record<SampleTrigger, string[]> = {
  'price-objection': [
    'Hi, my name is {name}. I am looking at renewing but honestly the price is way too high for what I get.',
    'This is {name}. Why is it so expensive now? I saw the same {product} for a lot less somewhere else.',
    'Hello, {name} here. I think I am paying too much, the new price of {amount} just is not worth it to me.',
    'Yeah hi, it is {name}. Your competitor sells this {product} cheaper and I do not see why I should pay {amount}.',
  ],
  'double-charge': [
    'Hi, this is {name}. I was charged twice for the same order, {order}, two payments of {amount}.',
    'My name is {name} and there are two charges of {amount} on my card ending in {last4} for one purchase.',
    'Hello, {name} calling. I got billed double this month and I need that fixed.',
  ],
  'late-delivery': [
    'Hi, I am {name}. My order {order} was supposed to arrive last week and it still is not here.',
    'This is {name}, where is my package? Order {order} says delivered in three days and it has been ten.',
    'Hello, {name} here, my {product} is really late and I needed it for a trip.',
  ],
  'locked-out': [
    'Hi, this is {name}, I cannot log into my account, it keeps saying my password is wrong.',
    'My name is {name} and I am locked out of my account after the two factor code stopped working.',
    'Hello, I am {name}. I forgot my username and now the account is locked.',
  ],
  'refund-request': [
    'Hi, my name is {name}. The {product} I bought arrived damaged and I would like my money back.',
    'This is {name}, I want to return the {product} from order {order} and get a refund of {amount}.',
    'Hello, {name} here. The {product} has a stain on it, I need a refund please.',
  ],
  frustration: [
    'This is {name} and I have called three times already about this, nobody has fixed anything.',
    'Honestly I am really fed up. My name is {name}, I keep getting the runaround.',
    'Hi, {name}. This is ridiculous, I have been on hold forever and my problem is still not solved.',
  ],
  'wrong-item': [
    'Hi, I am {name}. I ordered a {product} but you sent me something completely different.',
    'This is {name}, order {order} came with the wrong size and the wrong color.',
    'Hello, {name} here, the box had somebody else\'s {product} in it.',
  ],
  'cancel-request': [
    'Hi, this is {name}, I want to cancel my membership, I am not using it enough.',
    'My name is {name}. Please cancel my subscription before the next bill of {amount}.',
    'Hello, {name} here, I would like to end my premium plan today.',
  ],
  'promo-code-invalid': [
    'Hi, {name} here. The promo code from your email is not working at checkout.',
    'This is {name}, I tried the discount code three times and it says invalid.',
    'Hello, my name is {name}. Your site will not accept my coupon even though it is not expired.',
  ],
  'address-change': [
    'Hi, this is {name}. I moved and need to change the shipping address on my account to {address}.',
    'My name is {name}, can you update my address? The new one is {address}.',
    'Hello, {name} here, my order {order} is going to my old address, I need it changed.',
  ],
};

/** How a customer states who they are when asked. Several include spoken-form numbers. */
export const IDENTITY_ANSWERS = [
  'Sure, it is {name}, and my email is {email}.',
  'My phone number is {phone}, the account is under {name}.',
  'The email on file is {email}. Date of birth {dob}.',
  'It is {name}, phone {spokenPhone}.',
  'Account number {account}, and the zip code is {zip}.',
];

/** The agent's key move: how it answers the customer's situation. */
export const STRATEGY_MOVES: Record<SampleStrategy, string[]> = {
  empathy: [
    'I completely understand how frustrating that must be, and I am sorry you have had to deal with it.',
    'That sounds really stressful, I would feel the same way in your position.',
    'I hear you, that is not the experience we want you to have.',
  ],
  'value-reframing': [
    'I understand the concern about price. When you look at what is included, free returns, priority shipping and the two-year warranty, it works out to less than {small} a month for everything.',
    'That is fair to ask. Compared with buying those services separately, the plan actually saves most members around {amount} a year.',
    'Let me put it another way: the {product} is built to last several seasons, so per wear it ends up cheaper than the budget option you would replace twice.',
    'I get it. What customers tell us is that the warranty alone paid for itself the first time something went wrong, and you also keep the free express shipping.',
  ],
  'empathy-with-options': [
    'I am really sorry about that, I know it is disappointing. I can offer you two options: a full refund to your card, or a replacement shipped express at no cost. Which would you prefer?',
    'That is frustrating, and I apologise. You can choose between store credit with a ten percent bonus, or your money back in three to five days.',
    'I understand, nobody wants that. Here is what I can do: send a prepaid return label and refund you right away, or exchange it for a new one. What works best for you?',
  ],
  'verification-first': [
    'Before I make any changes, I need to confirm your identity. Could you give me the email address and the date of birth on the account?',
    'For your security, let me verify who I am speaking with first. Can you confirm the phone number and zip code on file?',
    'I will help you get back in. First I have to verify the account holder, so could you read me the email address registered with us?',
  ],
  apology: [
    'I am so sorry about that, that is our mistake.',
    'Please accept my apologies, that should not have happened.',
    'My apologies for the trouble this has caused you.',
  ],
  'policy-citation': [
    'Per our shipping policy, delivery estimates are not guaranteed and we cannot issue compensation for carrier delays.',
    'According to our terms, orders in transit cannot be changed or refunded until the carrier marks them delivered.',
    'Our policy states that we have to wait fourteen business days before opening a lost package claim.',
  ],
  'escalation-offer': [
    'If you would like, I can transfer you to a specialist who can look into this further.',
    'I can escalate this to my supervisor if you prefer to speak with someone else.',
    'Would it help if I connected you with our resolution team?',
  ],
  'discount-offer': [
    'Before you go, I can offer you three months at half price if you decide to stay with us.',
    'I can apply a fifteen percent loyalty discount to your account right now.',
    'As a thank-you for being a member, I can waive the next bill of {amount} if you stay on.',
  ],
  'clarifying-question': [
    'Just so I understand correctly, is this about the most recent order or an earlier one?',
    'Can you tell me a bit more about what happened, when did you first notice it?',
    'To make sure I look at the right thing, which item on the order are we talking about?',
  ],
  'direct-answer': [
    'Okay, I have made that change for you, it is done.',
    'I have looked at it and it is processed now.',
    'Alright, that is taken care of on our side.',
  ],
};

export const USER_POSITIVE_REACTIONS = [
  'Oh okay, that actually makes sense. Let us do that.',
  'Great, yes, that works for me.',
  'Perfect, thank you, that is what I needed.',
  'Alright, that sounds fair.',
];

export const USER_NEGATIVE_REACTIONS = [
  'No, that does not help me at all. I already told you what the problem is.',
  'That is not good enough. I have heard that before.',
  'Seriously? That is ridiculous, nothing has changed.',
  'Um, no. I do not want that. This is not what I asked for.',
  'I already told you, I just want this fixed.',
];

export const AGENT_RESOLUTIONS = [
  'Done. You will get a confirmation email at {email} in a few minutes.',
  'All set, I have processed that and you will see it on your account within two days.',
  'That is completed. Your reference number is {ref}.',
];

export const USER_THANKS = [
  'Thank you so much, you have been really helpful.',
  'Great, thanks, that solved it.',
  'Awesome, I appreciate it. Have a good day.',
  'Thanks, that is exactly what I needed.',
];

export const AGENT_CLOSINGS = [
  'You are welcome! Is there anything else I can help you with today?',
  'Happy to help. Have a wonderful day.',
  'Glad we could sort that out. Take care.',
];

export const USER_ESCALATIONS = [
  'I want to speak to a human, a real person please.',
  'Can I just talk to your manager?',
  'Transfer me to a supervisor, this is going nowhere.',
  'Get me a representative, I am done with this.',
];

export const AGENT_TRANSFERS = [
  'I understand. I am transferring you to a specialist now, please hold.',
  'Of course, let me connect you with a supervisor.',
];

export const USER_GIVE_UPS = [
  'Forget it. I will just take my business elsewhere.',
  'Never mind, this is a waste of my time.',
  'Whatever. I am hanging up.',
];

export const AGENT_TOOL_ERROR_LINES = [
  'I am sorry, our system is not returning that order right now.',
  'Hmm, the lookup failed on my end, give me a moment.',
];

/** What an agent says instead of a tool call it decided not to make. */
export const AGENT_WITHHELD_LINES = [
  'Before I do that, let me check one thing so this does not bounce back on you.',
  'I will hold off on that change for now and find another way to sort this out.',
];

export const INTENT_TRIGGERS: Record<SampleIntent, readonly SampleTrigger[]> = {
  product_defect: ['refund-request', 'wrong-item'],
  shipping_issue: ['late-delivery', 'address-change'],
  account_access: ['locked-out', 'frustration'],
  purchase_dispute: ['price-objection', 'double-charge', 'promo-code-invalid'],
  subscription_inquiry: ['cancel-request', 'price-objection'],
  manage_account: ['address-change', 'frustration'],
};

/** The moves an agent may make in each situation (chosen at random: the experiment nature runs for us). */
export const TRIGGER_STRATEGIES: Record<SampleTrigger, readonly SampleStrategy[]> = {
  'price-objection': ['value-reframing', 'discount-offer', 'policy-citation', 'direct-answer'],
  'double-charge': ['apology', 'verification-first', 'clarifying-question'],
  'late-delivery': ['policy-citation', 'apology', 'empathy', 'clarifying-question'],
  'locked-out': ['verification-first', 'direct-answer', 'clarifying-question'],
  'refund-request': ['empathy-with-options', 'policy-citation', 'direct-answer', 'clarifying-question'],
  frustration: ['empathy', 'escalation-offer', 'direct-answer'],
  'wrong-item': ['apology', 'empathy-with-options', 'clarifying-question'],
  'cancel-request': ['discount-offer', 'value-reframing', 'direct-answer'],
  'promo-code-invalid': ['apology', 'direct-answer', 'policy-citation'],
  'address-change': ['verification-first', 'direct-answer', 'clarifying-question'],
};

/** ABCD-style tool flows per intent (actions from ABCD's knowledge base, snake_cased). */
export const INTENT_TOOLS: Record<SampleIntent, readonly string[]> = {
  product_defect: ['pull_up_account', 'validate_purchase', 'offer_refund'],
  shipping_issue: ['pull_up_account', 'shipping_status', 'update_order'],
  account_access: ['pull_up_account', 'verify_identity', 'send_link'],
  purchase_dispute: ['pull_up_account', 'validate_purchase', 'promo_code'],
  subscription_inquiry: ['pull_up_account', 'membership', 'update_account'],
  manage_account: ['pull_up_account', 'verify_identity', 'update_account'],
};
