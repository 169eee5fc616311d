/**
 * Countries, US states and large cities: a location is PII when it narrows down who a caller is
 * ("I live in Boise"), so the detector reports these with context ("live in", "from", "moved to")
 * or inside an address. Lower case; multi-word names are matched as phrases.
 */
const COUNTRIES = `afghanistan albania algeria andorra angola argentina armenia australia austria azerbaijan bahamas bahrain
bangladesh barbados belarus belgium belize benin bhutan bolivia bosnia botswana brazil brunei bulgaria burkina burundi
cambodia cameroon canada chad chile china colombia comoros congo croatia cuba cyprus czechia czech denmark djibouti
dominica ecuador egypt el salvador eritrea estonia eswatini ethiopia fiji finland france gabon gambia georgia germany
ghana greece grenada guatemala guinea guyana haiti honduras hungary iceland india indonesia iran iraq ireland israel
italy jamaica japan jordan kazakhstan kenya kiribati korea kosovo kuwait kyrgyzstan laos latvia lebanon lesotho liberia
libya liechtenstein lithuania luxembourg madagascar malawi malaysia maldives mali malta mauritania mauritius mexico
micronesia moldova monaco mongolia montenegro morocco mozambique myanmar namibia nauru nepal netherlands holland
nicaragua niger nigeria norway oman pakistan palau palestine panama paraguay peru philippines poland portugal qatar
romania russia rwanda samoa senegal serbia seychelles singapore slovakia slovenia somalia spain sudan suriname sweden
switzerland syria taiwan tajikistan tanzania thailand togo tonga trinidad tunisia turkey turkmenistan tuvalu uganda
ukraine uruguay uzbekistan vanuatu vatican venezuela vietnam yemen zambia zimbabwe england scotland wales britain
usa america`;

const MULTI_WORD_COUNTRIES = [
  'united states', 'united kingdom', 'new zealand', 'south africa', 'south korea', 'north korea', 'saudi arabia',
  'united arab emirates', 'costa rica', 'puerto rico', 'sri lanka', 'czech republic', 'dominican republic',
  'ivory coast', 'hong kong', 'great britain', 'northern ireland', 'el salvador', 'sierra leone', 'papua new guinea',
];

/** Provinces, states and regions of other countries, and the continents: as much a place as a US state. */
const REGIONS = `ontario quebec alberta manitoba saskatchewan yukon nunavut newfoundland labrador tasmania queensland
bavaria bayern saxony sachsen thuringia brandenburg hesse hessen tyrol tirol carinthia styria salzburg catalonia catalunya
andalusia andalucia galicia asturias cantabria navarre aragon murcia extremadura tuscany toscana lombardy lombardia
piedmont piemonte sicily sardinia calabria apulia puglia umbria liguria veneto campania brittany normandy provence
burgundy alsace lorraine picardy flanders wallonia bohemia moravia silesia transylvania andalucía patagonia siberia
punjab bengal kerala gujarat rajasthan maharashtra karnataka goa assam bihar odisha sindh balochistan bavaria
lapland jutland zealand ulster munster leinster connacht cornwall yorkshire
europe asia africa antarctica oceania scandinavia caribbean balkans`;

const MULTI_WORD_REGIONS = [
  'british columbia', 'nova scotia', 'new brunswick', 'prince edward island', 'northwest territories', 'new south wales',
  'western australia', 'south australia', 'northern territory', 'baden-württemberg', 'north rhine-westphalia',
  'lower saxony', 'rhineland-palatinate', 'schleswig-holstein', 'basque country', 'north america', 'south america',
  'central america', 'latin america', 'middle east', 'east africa', 'west africa', 'southeast asia',
];

const US_STATES = `alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii idaho
illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota mississippi missouri
montana nebraska nevada ohio oklahoma oregon pennsylvania tennessee texas utah vermont virginia washington wisconsin
wyoming`;

const MULTI_WORD_STATES = [
  'new hampshire', 'new jersey', 'new mexico', 'new york', 'north carolina', 'north dakota', 'rhode island',
  'south carolina', 'south dakota', 'west virginia',
];

/** Two-letter postal codes; they count only right before a ZIP code ("Austin, TX 78701"). */
export const US_STATE_CODES: ReadonlySet<string> = new Set(
  `AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA
RI SC SD TN TX UT VT VA WA WV WI WY DC PR`.split(/\s+/),
);

const CITIES = `london paris berlin madrid rome lisbon dublin amsterdam brussels vienna prague warsaw budapest bucharest
athens stockholm oslo copenhagen helsinki zurich geneva munich hamburg frankfurt cologne milan naples turin barcelona
valencia seville porto lyon marseille toulouse nice manchester birmingham liverpool leeds glasgow edinburgh bristol
cardiff belfast moscow kyiv kiev istanbul ankara cairo lagos nairobi johannesburg capetown casablanca dubai riyadh
doha tehran karachi lahore delhi mumbai bangalore bengaluru chennai kolkata hyderabad pune dhaka bangkok jakarta
manila singapore tokyo osaka kyoto seoul beijing shanghai shenzhen guangzhou taipei sydney melbourne brisbane perth
auckland wellington toronto montreal vancouver calgary ottawa edmonton winnipeg chicago houston phoenix philadelphia
dallas austin jacksonville columbus charlotte indianapolis seattle denver boston nashville detroit portland memphis
louisville baltimore milwaukee albuquerque tucson fresno sacramento atlanta miami oakland minneapolis tulsa cleveland
wichita arlington tampa orlando pittsburgh cincinnati honolulu anchorage boise omaha raleigh richmond spokane reno
newark buffalo madison lincoln durham irvine plano laredo lubbock scottsdale glendale chandler henderson stockton
riverside anaheim bakersfield aurora mesa brooklyn queens bronx manhattan hollywood berkeley pasadena savannah
charleston knoxville birmingham montgomery lexington greensboro hartford providence burlington
rio saopaulo bogota lima santiago caracas quito havana guadalajara monterrey tijuana`;

const MULTI_WORD_CITIES = [
  'new york city', 'los angeles', 'san francisco', 'san diego', 'san jose', 'san antonio', 'las vegas', 'fort worth',
  'el paso', 'oklahoma city', 'kansas city', 'salt lake city', 'new orleans', 'long beach', 'virginia beach',
  'colorado springs', 'st louis', 'saint louis', 'st paul', 'santa ana', 'corpus christi', 'mexico city',
  'buenos aires', 'sao paulo', 'rio de janeiro', 'cape town', 'tel aviv', 'kuala lumpur', 'ho chi minh city',
  'washington dc', 'baton rouge', 'des moines', 'little rock', 'santa fe', 'palo alto', 'ann arbor',
];

export const PLACE_SET: ReadonlySet<string> = new Set([
  ...`${COUNTRIES} ${US_STATES} ${REGIONS} ${CITIES}`.split(/\s+/).filter(Boolean),
]);
export const MULTI_WORD_PLACES: readonly string[] = [
  ...MULTI_WORD_COUNTRIES,
  ...MULTI_WORD_STATES,
  ...MULTI_WORD_REGIONS,
  ...MULTI_WORD_CITIES,
];

/** Countries and US states only (no cities): a town followed by one of these is a place ("Maribor, Slovenia"). */
export const REGION_SET: ReadonlySet<string> = new Set(`${COUNTRIES} ${US_STATES} ${REGIONS}`.split(/\s+/).filter(Boolean));
/** First words of the multi-word countries and states ("new" of "New Zealand"). */
export const REGION_PHRASE_FIRST: ReadonlySet<string> = new Set([...MULTI_WORD_COUNTRIES, ...MULTI_WORD_STATES, ...MULTI_WORD_REGIONS].map((p) => p.split(' ')[0]!));
/** Multi-word countries and states, as written in MULTI_WORD_PLACES. */
export const REGION_PHRASES: ReadonlySet<string> = new Set([...MULTI_WORD_COUNTRIES, ...MULTI_WORD_STATES, ...MULTI_WORD_REGIONS]);
