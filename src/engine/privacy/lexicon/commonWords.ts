/**
 * Words that start sentences or appear capitalised in service talk but are not names. A capitalised
 * word in this set is never a name on its own evidence; a first name that is also an everyday word
 * ("Will", "Grace", "May") needs a surname or a context phrase beside it.
 */
const WORDS = `a about above after again against all also am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have having he her here
hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off on
once only or other our ours ourselves out over own same she should so some such than that the their theirs them
themselves then there these they this those through to too under until up very was we were what when where which
while who whom why will with would you your yours yourself yourselves yes yeah ok okay okey hi hello hey dear thanks
thank please sorry sure well oh um uh hmm mm alright right great good fine perfect excellent wonderful awesome cool
bye goodbye welcome certainly absolutely actually also anyway basically honestly just maybe perhaps really so still
today tomorrow yesterday tonight morning afternoon evening night monday tuesday wednesday thursday friday saturday
sunday january february march april may june july august september october november december spring summer autumn fall
winter christmas easter thanksgiving halloween new year day week month year hour minute second time
mr mrs ms miss dr prof sir madam mister customer agent caller client user manager supervisor representative team
support service services help desk account card bank credit debit payment bill billing invoice order refund return
delivery shipping package product item price plan subscription contract policy claim ticket case number code pin
password email phone address street avenue road city state country zip postal
let lets can't cannot don't won't i'm i've i'll i'd you're we're they're it's that's there's what's here's
first last next previous new old main other another every each many much more less least most
is was will would shall should may might must can could
please note note important warning error failed failure success successful
the a an this that these those my your our their his her its
north south east west central upper lower
company corporation inc llc ltd co group holdings international global national american
mobile home work office cell landline fax
visa mastercard amex discover paypal apple google amazon microsoft
hotel flight airline airport train bus car rental booking reservation
insurance medical health doctor hospital clinic pharmacy
mother father mom dad son daughter brother sister wife husband friend
love hope faith grace joy honor glory charity patience mercy destiny harmony
king queen prince princess duke lord lady
will bill mark art jack frank rich sue pat bob rob ray guy gene dean earl iris ivy lily rose daisy violet
holly ginger amber crystal ruby pearl jade summer autumn dawn sky storm rain river brook forest
price king bell rice young hall wood stone hill lane cook ward page park green white black brown gray grey
long short little small big strong sharp hunt rush west east north south
date time subject re cc bcc note answer question user assistant system speaker name phone email fax
bank insurance university college hospital foundation associates partners technologies systems solutions
media labs studio airlines motors industries enterprises consulting capital ventures network software
english spanish french german italian chinese japanese russian polish dutch swedish american british
film movie song album book show series episode chapter volume edition version update release
street avenue road boulevard lane drive court suite apt apartment unit floor box
e-mail c'mon labor memorial independence veterans presidents royal princess`;

export const COMMON_WORD_SET: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter(Boolean));
