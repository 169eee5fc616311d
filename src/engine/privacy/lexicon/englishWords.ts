/**
 * The 20,000 most frequent English words in Wikipedia (npm popular-english-words 1.0.2, ISC licence),
 * words of three letters or more, in frequency order. Used only to tell an unknown capitalised word
 * ("Kaczmarek", "KURZENKIRCHEN") from a title-case everyday word ("Guilty Pleasures"); names that are
 * also frequent words are still found through the name lexicons and context.
 */
const WORDS = `
the and was for that with this from not his are which has but were have also one page you first they had made
been who there their may should its after all nbsp she her new other discussion can would two more about such
when some time only into during then delete where out than used most over link january march born september
october july august please years december june april will any com what november being these people between
following many february him like them further while see later name comments school part under just year edits
well use debate since work three known before www both state style film now through because group including
american user align city wikipedia same however became could second appropriate world above team articles keep
subsequent your closed right until modify left against states talk number center don series list album
included several family redirect season very united found company sources area below here history played how
even per won added released does each national did south place result make called music best those another
think section note support based way former game member early much still four north high war good back links
located own government university around end notable song military general title public named book published
said image show day long deletion information due local house main last within held original home comment
major life different died club english began point small line single created band archive took get served town
population source include again case although received along international using without system members
proposed station built age top century set having british given church west building player president though
village category women large district few need preserved order children species service find overlap bgcolor
archived take old times know country death research according moved often final written media community third
east off down john version five edit every son example party york form class near games subject others among
site content art help father too project established side road works text director career various notability
why men record started background league play great deleted french award never enough county million
development total reason law thanks next days led might water college german political become seems rather
late news head already either little editor important role similar making came went white current london
better worked issue say file person free considered man story short live students once produced period least
black something power present business street river currently married production reported king lead six done
education press really football land term books users office program wrote described division television
change involved event together language position our want field common level army data working park fact pages
professional possible founded type going mentioned young court move less available must someone full joined
consensus central template add announced win video services lost taken put region air run points significant
instead author recorded review probably round open special official editors policy far actually social seen
returned via design request calculated board process html question records character originally start
independent close wife opened england look events elected release related listed continued addition evidence
issues areas love date away whether society itself radio reliable coverage island appeared himself popular
problem across western department council upon control appointed months able includes ratio previous come
modern teams references match track living appears course episode mother artist science featured provide
things usually shows force northern body songs developed sure players america space refer red report formed
means nothing directed daughter read almost search association australia give act material playing despite
police minister removed human nominated construction post provided india changed today race signed thus real
none writing stage southern coach personal professor study schools outside primary website debut throughout
makes health performed especially word groups features future designed etc view france size sold training
organization yet strong completed mdash championship clear multiple average anything ever studies light week
username create needs range cover eventually return reached action gave color changes canada forces countries
japanese interest museum magazine followed previously half always writer chief topic got brother generally
awarded thought committee rights hall individual seven images largest sometimes past election performance
particular stated collection block believe leading private likely big killed politician active account union
says jan label specific william australian promoted idea additional films european indian james reference
finished placed perhaps rule whose europe lot merge soon fire simply competition standard afded edition let
model leader contains germany google mar replaced value night route low centre appear actor gold civil degree
attack female royal awards results front thing editing parts vote remained yes novel taking required summer
sent quality studio eastern prior uploaded ten rock dec problems china names middle car cases sports oct
longer terms try words singer agree officer quite seem tour bar aircraft network saw operations woman medical
david decided historical eight complete overlaps meet lower saying behind beginning location nov lake japan
bit vocals library didn true towards recent capital noted brought apr producer copyright senior fourth earlier
anyone limited mean management jun characters nomination allowed george industry access whole certain cannot
guitar particularly sep systems tournament arts festival attended chinese ship categories child base railway
cup online san green student successful campaign genus higher culture separate aug therefore technology
movement regular introduced money artists russian needed approximately mostly rest hours structure ground
canadian plays italian trying entire market status success matter sound practice claim numerous buildings
owned whom hand institute battle star winning uses legal commercial feb associated spanish notice mark native
unit represented families decision units doing border companies web lack met hit covered famous net manager
overall staff response month initially looking natural accounts feel shown feature themselves hospital minor
attempt blue running property clearly length traditional medal leave call experience bridge test else thomas
movie spent journal bank opinion pagename jul row california scope sea regional foundation majority runs
annual care rowspan takes food robert paris energy bad musical federal lived asked recording speedy recently
deal meaning foreign intended selected finally executive presented goal kind retired nature sense wiki stop
conference ended mention lines supported starting index adding opening africa raised studied comes claims
understand directly appearance defeated blocked resolves master entry tracks square plan fails wide room sun
coast places scores turn launched weeks peak except governor economic contract kingdom hill looks grand
captain fair fine michael key preceding loss global php seat winner older wrong assistant hard becoming paul
activities ran remains highest scored theory religious friend till matches minutes claimed cultural caused
newspaper trade secondary thank candidate unless oppose academic brown complex subsequently allow plant larger
actress meeting provides washington completely write historic stories charles gives effect channel fall passed
cause programs serving colspan goals pass referred failed useful reasons theatre god operated admin entered
leaving competed numbers languages security friends tried chairman attention command notes sister reviews
rules wanted details parties municipality continue couple paper code christian suggest purpose computer mainly
creation mary shot gets format exist province relationship husband relevant nearly mountain financial nom
variety highly regarding knowledge basis fellow solid academy kept smith maybe operation silver mission
parents score valley focus projects male peter latter necessary albums formerly secretary african votes
reading nine youth engineering forms map seasons victory sir individuals dead told goes believed increased
software function engine edited champion remaining table earth renamed amount expanded consider otherwise job
lives lists fight volume ireland serve correct zealand getting products direct helped composed cities simple
face cast moving rate figure accepted inside forced train increase voice rank immediately https turned htm
statement difficult bill declined beyond questions hope picture commission ancient info cited poor miles judge
stone ships italy consists remove earned target van graduated stations ago featuring cross henry possibly
displayed census digital primarily stars mind navy product heart surface los box chart offered acquired
catholic criteria creating proded specifically concept positive potential encyclopedia tell address alone
check responsible sites certainly pretty discovered giving dance elements branch era technical prime
contributions existing host temple houses literature administration situation carried width prize speed coming
broadcast nor roman influence richard sentence letter suggested domain cut hold administrative examples upper
ask cost actual ones commander reporting acting conditions russia ability additions marriage scientific
extended owner internet nearby bay prominent basic becomes bass republic follows justice reports parliament
approach founder quickly greek airport cfded dedicated dispute lies answer widely plans direction income
commonly mount singles soviet linked irish typically initial highway basketball contemporary jewish
constructed girl mayor settlement managed spring context smaller scene critical issued types unknown troops
episodes tag mass photo bishop hotel piano sign argument fifth parent everything description improve politics
avoid produce dark flight heavy analysis publication physical participated external daily titles usa mexico
oil twice engineer follow officially meets levels lord greater discuss teacher transferred importance merged
queen entirely activity fully involving bring junior vol efforts reach faith officers girls dutch shortly solo
composer root establish nation leaves chicago agreed remain soldiers castle males serves appearances display
rural applied publishing method easily marked standards everyone hosted copy fefefe territory britain
equipment gallery normal prince piece conflict forest effort worth texas effects split camp actions interested
estate treatment build hits regiment sort draft workers baseball resources campus alongside port der attacks
policies fixed residents firm crew drama compared authority females painting parish concerns protection
agreement assembly join largely poland grew spain count copies tower poet roles meant nominator hour arrived
distance travel die providing unique double exactly elections capacity creek wall guidelines organizations
winter store brothers conducted championships alternative expected forward tree resolution impact sections
birth publications paid recognized exists martin islands divided confirmed interview titled ways organized
operating continues serious congress views drive growth message combined versions leaders pay charge mixed
deputy accept environment trial share offer educational carolina assigned posted defined joseph planned
revealed latin apparently identified housing understanding summary des leadership principal bottom offers
clubs ice indeed urban advanced heard headquarters destroyed covers communities purchased interesting laws
peace flag journalist sales learning gained facilities allows wing existence footballer supporting boy floor
missing damage contact height ordered presence mon defense teaching relations farm tells occurred accused
difference sat prison adopted linear exhibition felt passing respectively buried sons begins iii behavior feet
stay representative receive platform boys figures starring lee wales memorial weak showing honor grade affairs
democratic captured transport fort taught declared break choice avenue materials lady scotland documentary
morning distribution prevent unable granted polish weight concerning traffic concert relatively stand letters
median proper opposed asia industrial discussed draw windows empire guide growing attempts theme connected
connection reviewed percent marine positions critics saint promotion ministry formation israel fighting
angeles blood inspired develop sport slightly opera models township refers definition alt inclusion opposition
musician translation households younger portion cars doctor estimated sorry nations resulted contain religion
wasn situated spread surrounding origin ideas improved metal del gas fields frequently bus reduced statistics
visit deep painter trust defeat ball easy explain sides lyrics resulting neutral oldest faculty architecture
champions pressure emperor bbc expansion plants obtained valid scale chosen revert plus wood extensive chance
dates returning murder obvious passes memory machine wed drums save require jones purposes topics inc exchange
rose holds naval fish rationale ranked myself happy neither ban pop brand guest wouldn seats introduction
surname safety stadium planning beach gun crime kitt facility georgia jack squadron reserve risk animals
approved fell scottish classes winners thu performances republican showed begin proposal anyway warning
suffered apply arms vice poetry virginia villages agency electric joint navbox happened literary allowing
edward corps logo tue audience ends bronze mile newly containing application falls medicine florida methods
races false properties tools wars performing solution succeeded object losing comedy price brief fans reverted
pacific entertainment architect acts entitled unlike historian battalion citations broken limit grant fiction
contribution creator ref finish orchestra permanent cell rename caught negative yellow johnson designated
achieved task ultimately pieces hands items represent rare founding regions sourced propose authorities
setting haven tradition effective attempted officials partner templates secret billion calling option shared
aired extremely sufficient promote finding garden translated chapter writers pov swedish von keeping arrested
contributed sounds sets personnel respect restored tom bought jazz agent fri detail onto wins generation
perform trains oxford equivalent subjects pilot gone williams worldwide candidates horse senate core supply
replace socorro vandalism hot representing instance discussions readers towns olympic economy determined
survey aren obviously concern derived settled holding institutions corporation focused racing challenge
philosophy advance tax license converted registered seeing incident bot changing sixth stands freedom identity
golden theater maximum somewhat plot boston finds talking step disease visited berlin mentions environmental
grounds investigation fleet infantry programme requires sciences ending combat programming rise mine generate
toward citizens asking condition miss classical classic wants maps requirements weapons remember locations
animal interior frank moment graduate trees whatever internal shape suggests herself straight sex occurs
closely scott refused receiving cells scoring districts string communication household edge calls transfer
indicate hockey voted yards visual commissioned powerful screen municipal fought cat chair significantly
minute learn card incorporated guard commons aged protect rating northwest rich looked stating standing
thousands failure publisher eye fashion papers independence pdf driver strongly closing advice recognition
kill authors rugby louis vehicle lawyer describes broke bands qualified zone arguments killing hook heritage
southeast corner expressed sexual elizabeth powers wish speech determine violation developing pennsylvania
abandoned railroad iron employed gov stuff retirement phase dropped francisco ahead educated starts offices
funding aid doubt squad documents watch values structures apart flying cancer functions mrs contained eyes
intelligence heavily typical launch concerned korean armed storm greatest adult hlist guy lieutenant entrance
supreme enter credit enemy centuries carry protected rome spot vehicles steel occur extra fictional
administrator persons experienced alexander criminal selection invited increasing equal attacked aware pair
injury thinking outstanding decades rfc fame causes convention requested beat mobile birds domestic dvd
northeast successfully hong pictures explained statements brigade engaged collected supposed leads welcome
applications biography consisted musicians joe ring brazil criticism factory walls und influenced ltd occupied
guess covering causing korea kong additionally establishment reality error edu elementary huge escape super
drug sydney boat deleting institution seconds glass gain banned formal spirit objects mix opportunity pattern
paintings participate citation collaboration streets manner submitted scheduled toc organisation controversial
reader briefly nice skills passenger heat comic progress sell express asian fan interests wild speak facts
default extension patients fund opposite maintained orders humans cambridge composition temperature affected
agricultural sector turns anniversary rail maintain roads scholar describe hundred usage southwest weekly
sunday assume adapted mike ifeq forum contest personally duke stock wilson blog substantial violence colonel
reduce advertising redirects resigned distinguished detailed regarded newspapers cemetery scenes associate
labor elsewhere removing employees hence producing rejected shift suspected refs svg regularly sale flow
charts benefit twelve tags switch churches foot residence andrew print expert sample wind consisting fairly
installed palace trusted shouldn climate jews labour reaching funds creative tropical normally ceremony daniel
crown pakistan liberal cold broad happen aspects novels frame assistance jackson singing maria combination
christmas distinct consecutive americans mountains rear device nuclear cricket inhabitants taylor courses
ready sought michigan argued distributed neighborhood voting represents yard dog speaking lands promotional
fit script blocks bodies les sentences merging ocean proved conservative chose actors laid ensure chris
observed motion representatives drawn mill teachers document updated homes visible columbia notably joining
imperial automatically survived fast premier assumed victoria thorough trained finishing scholars truth tool
fix reasonable decade techniques returns ohio universities holy matters depending ethnic door guns session
chapel legend sweden hundreds signal defence middot faced constitution definitely weather properly prove
releases credited wikis learned attached artillery self reviewer measure entries merely shop biggest premiered
backing accident medieval communications owners electronic path tagged roof significance hired expand zero ceo
baby relative resistance compete choose density bringing stopped jersey helps adjacent bytes provincial
controlled cite audio netherlands chemical tries existed explanation physics membership moon article conduct
injured temporary fuel phrase identify investment strength loan studios stub indicates quick earliest
encyclopedic infobox listing mexican senator directors column concluded restaurant regardless window archives
santa selling committed operate permission stores partnership junction pick whilst referring metres poems ward
paragraph collections perfect painted ruled files differences steve decide designer suitable submission scheme
maintenance honorary chain arthur jim toronto presidential continuing monitoring banks davis besides attorney
disc controversy contested appeal priest roughly quarter transportation alliance helping chamber evening
amateur productions monitored revolution strike flowers praised exact admins capture passengers norwegian
whereas businesses confederate unsourced contrast blp movies broadcasting youtube participants claiming
driving random degrees vocal soccer depth responsibility finals operates marketing excellent unfortunately
improvement duty engines factor yourself meanwhile costs grow demand bell bird charges designs seventh
suggestions helpful photos coi gray assessed participation minimum element miller dictionary illegal turkish
factors raise goods recordings businessman sequence critic beautiful agriculture routes budget essay colour
brain addressed videos mode anderson mathematics residential considering measures abuse purchase grey
processes supports discovery stages unusual lemmon admitted reform reaction accurate ongoing quote photography
prepared suggestion bob removal offensive licensed testing regards portuguese advantage pointed fox charged
flat wikiproject camera competitions muslim exception poem wait colonial threat counties knew guitarist clean
hills send safe victims constituency struck crossing lewis shooting afterwards artistic iran journey practices
trip uncle finance storage pro severe attend corporate atlantic opinions rooms appearing favor portrait
formally willing branches essentially separated heads unlikely qualify circuit soldier activist trail twenty
israeli genre popularity dating francis similarly filed debuted delivered input planet replacement ownership
expression carrying drawing extreme occasionally daughters whitelisted universe philadelphia treated phone
damaged modified expect usual achieve update devices venue alleged retained tend economics editorial downtown
narrow replacing basically dry reputation constant massive strategy tennis magic printed gender emergency
accompanied regulations reign indicated fighter jesus arranged skin stood circle wounded mining technique
deaths lane register indigenous capable incumbent influential impossible acceptable involvement harry prose
starred stephen dated simon vision ben dream filled plane illinois speaker folk dean hair bachelor missed
headed instruments listclass couldn rivers landing portal tony classified gay franchise suspect seriously
cycle ambassador leg putting sri repeated profile closer fail easier output bear communist divisions sam
effectively drop visiting offering orange tone extent furthermore mental slow childhood coastal visitors
sourcing hosts pool span courts flows waters belong spacewatch meters medals gene possibility underground
nominations ian monument happens parallel aside item buy contribute successor credits cinema disagree
compilation mouth soul shall turkey nfl federation imply duties noticed manufacturing referenced png database
guideline sock thousand cabinet conservation confused somewhere greatly knows trouble dam uncredited
interpretation clerk relation principles ranking blogspot walk protein volumes perspective portrayed danish
circumstances sky drew legislation lots moscow criticized studying rescue losses mainstream proof websites
scientists familiar coal seek considerable warring commentary max requests assessment log princess recommended
principle attributed tests saturday tied spoken components amongst philippines classification repeatedly khan
motor conclusion tall experiences egypt norway swiss cards wings latest adults walker legislative expedition
tank necessarily bold approval empty symbol belongs fired consistent arrival brian insurance comprehensive
switzerland moves behaviour entering stayed turning blues merchant commissioner soundtrack singapore alternate
statue steps landscape brick editions defeating widespread canal generated wooden formula anne applicable
comics boundary graduating peaked filmed walter asp extinct posts metropolitan scientist upload apparent
islamic colors medium achievement celebrated suicide fly personality wave qualifying melbourne scholarship
eleven writes surviving aviation appointment arm absolutely hidden reply affiliated photographs brazilian
competing vietnam relief dan absence restoration crisis czech partners threatened holder allen sole fear
massachusetts hello decline satellite organ universal decisions aaa rates email jobs executed lose cousin
immediate versus forming commented photographer instrumental golf seeking affect stream breaking acted
identical parliamentary deproded honour historically fishing eliminated resident salt architectural discussing
fun sisters citing bangladesh initiative olympics encouraged viewed tribe concrete racial inner interviews
wrestling renaming artwork markets reads adam feed songwriter assist panel greece remix ali non anywhere
charity hero describing descent hear movements prisoners balance waiting applies christ snow signs texts soil
wine evolution occupation experimental annually sculpture anna increasingly colony surrounded attempting click
voters regard borders gng knight wikimedia denied terminal cathedral elevation produces ontario grown anthony
thread desire reflect stable networks researchers marks illustrated minority employment moore nobody feeling
patrick disruptive pure relating options completion shore withdrawn practical rarely vessels styles argue
supporters signing intersection clark producers select plain invasion peer themes kim behalf defensive fruit
comparison howard bull jane kings arab sees partly albert electoral waste ages occasions establishing vast
frequency nevertheless friendly belief beauty secure representation essential vessel dealing battery rising
soft austria magazines treaty ford laboratory gordon valuable posting integrated cape agencies accessible duo
shares distinction gate passage singh schedule telling talent improving demonstrated assuming hungarian seemed
closure promoting summit margaret volunteer territories youngest athletes welsh surgery infrastructure jean
ray chemistry industries sarah centers literally donated begun patient correctly adaptation hearing mid diffs
crash encourage managing demolished prefer component convinced electrical attracted aspx eighth plenty pioneer
spiritual volunteers evil clearer intention alive hollywood periods rounds cable picked preferred benefits
responded obtain operator segment meetings shell characteristics spend totally worst publicly sockpuppets
horses gardens birthday strange relationships trading strategic wider steam argentina lasted merger animated
partially recipient coalition reporter orphaned frequent defending aim ruling allied diameter agents inquiry
belgium customers improvements hamilton wonder implemented handle operational roots automatic weekend premiere
rapid clinical ann parks failing facing asks contributing fresh wedding eric spelling sessions parameter
checked requirement grandfather superior governments amendment suggesting protest contents rain wearing guilty
adds merit ride percentage erected rapidly resolve equipped channels austrian ranks corresponding exercise
retrieved missions bible opportunities origins alex pain limits manual survive keyboards populations
processing exclusively concerts gang athletic opponents rev abroad giant hasn sponsored injuries suspended
rival theories reveals solar violin revised struggle swimming crowd spaces falling instrument rated cavalry
ryan puerto resolved suffering url journals spending objective hoax ridge sentenced manufacturer philip
solutions restore spoke kids involves arena internationally saved arrest traditionally explains resource
borough focuses suit charter dangerous enforcement potentially afc lay psychology implementation drugs
thereafter alan mounted contributor decides demonstrate pope dyk variant tunnel technologies searching
messages aimed bowl bias mechanical gradually procedure arrangement iraq harris jury server locally outer rice
odd transition col colleges favorite manchester checkuser engineers masters queensland physician billboard
judges bound cancelled photograph bond revenue believes traveled trivial competitive driven instructions
convicted wear monastery participating denmark choir dynasty publishers frederick kansas patterns platforms
samuel retail bomb colorado legislature kelly ukraine commanded parameters bibliography remainder attending
errors devoted douglas mistake rebuilt historians shopping roll aspect appreciate cooperation hole drummer
feedback cool tokyo arbcom walking revision funded phd supplies respond organised confusion settlements cash
occasion percussion legs crimes reportedly bonus layer download continuous respective mixing farmers harvard
tail dna assault fill defend arabic maryland longest ill lifetime nick eligible prod conflicts unclear indiana
signature talks thompson exposed tourism doubles patrol quoted tie destruction civilian athlete sum apartment
drivers advocate documented oregon boundaries poster twin inappropriate departure padding characterized dave
diverse warned tim extensively acoustic forests favour partial tribute monthly fantasy indication tenure
victim plate eldest essays enjoyed legitimate experts connecting boats valign completing jordan belonging
ceased speakers electricity subdivision cheers lie citizen touring subsidiary unnecessary manage seed
incorrect acid abc columns minnesota assets irrelevant restricted bush throne finnish initiated kevin worse
copyrighted conductor connections identification lakes biological bed perfectly specialized pursue sugar
indonesia relocated toured sitting ross disputes isolated ordinary overseas constitutional guidance narrative
voiced mail answers filming commerce friday sweet caption informed reverts dublin arizona locality emerged
lawrence margin jump solely viewers coaches las recovered grammar mechanism touch lincoln recognised riding
poorly suburb writings juan adams battles explicitly rocks depends lacking okay heading understood collective
regime concepts placing inaugural festivals strip portugal compiled mall provinces broadway politicians
conversion admiral cave transmission somebody load grows quotes verifiable belonged apple bureau trump
advisory button assisted bruce outcome antonio emphasis bears holiday basin afds inherited islam
administrators engage weapon nickname spam dismissed metro raw substitute presents municipalities presumably
ninth mills anonymous unsuccessful define characteristic clothing inducted certified cleanup ukrainian bright
situations traditions deemed hunter houston restrictions christopher clan gap naming reception publish cook
morgan sand penalty originated recreation facebook presentation navigation elder peoples baker possession
cargo revolutionary crystal angle designation honors jurisdiction drafted terminus habitat fundamental linking
russell flower animation truly ensemble coaching tons patent pink grace experiment linkwatcher logic dominated
exhibited expensive earl illness creates interaction victor thin ips increases allies indicating ties ncaa
novelist matt connect suppose opponent delivery moral campbell tribes robinson worthy npov manufactured
innings trials grades edinburgh germans violations wright roger vary doors exclusive orthodox nonsense reaches
missouri independently earning resort hunt recommend settlers hardly namely conversation alice allegations
atlanta belgian machines hunting remote pictured wisconsin kentucky legacy vienna redundant departments feels
permitted biology rio tamil blank difficulty wheel noting matthew venture traded sang virtual crossed marry
repair nelson desert chorus meat thoughts nazi raising amounts arguing detroit egyptian diocese dfffdf
deployed tours brings violent diego exposure tennessee vertical actively angel libraries embassy trophy serial
poll withdrew hell accessed lowest jos reduction challenges commune intent simultaneously depicted clock
springs wikipedians inspiration organisations stewart faster fifteen housed finland vanity adventure tech
chess conventional tables extend funeral voices suddenly copyvio slowly carrier carter lap sing attendance
archaeological powered ideal consideration keeps carl truck destroy dramatic ticket wealthy stress treat sung
ottoman receives watching awareness commonwealth tested ani trio blocking knowing campaigns imagine taiwan
immigrants guests hungary marie microsoft intellectual push sacred feelings catch saints coibot fled mac
uniform shorter journalism alumni computers acres donald reverse elite measured framework enterprise
depression serbian romanian teach vocalist tasks specialist variations faces copied carbon equally prices
preparation ministers eat accusations reducing bid marshall verify variation murdered printing fitted romantic
protests warrant murray malaysia entity leagues contrary mathematical kent andy recovery alabama indians
challenged sharp affair eggs dogs grave excellence acquisition recognize thesis addresses secured dialogue
wildlife wealth shut louisiana shield disputed lacks noble mississippi exit preserve harm sufficiently
surprised moreover exhibitions oklahoma seal kennedy bridges influences carries tournaments celebration baron
banner visits radical athletics expanding jeff gift pianist temporarily specified dancing dozen tourist turner
outdoor dragon ranging genetic eds atmosphere lights beating prix revival dealt sequel rifle iowa veteran
horror impression dollars surprise jason sharing inch archbishop custom invented withdraw tier pairs attitude
worker foster democracy evolved consumer ruler somehow approaches displays temperatures austin math graphics
focusing mines anime nearest contributors thick knights montreal innovation predecessor dies travelled
diplomatic pole symphony virtually counts arriving graham cap coordinates pitch outbreak morris autumn
diseases employee jimmy targets dominant threats manuscript billy harbor kinds installation oak graphic
iranian evans supplied sailed distinctive exhibit ignored maintaining guards norman yeah fighters reverting
rabbi miami concentration pulled collect collaborated relegated submarine redirected silent fewer unused
coffee coins farmer manor warfare enemies complaint flights aka playoffs progressive shops confirm quebec
stick delhi reasoning debt justify nhl burned realize amp interface assertion hardware negotiations efefef
execution graduation resignation dancer fred sleep arrangements descendants charlie satisfy cattle seattle
boards defended instruction phenomenon ram socialist enrolled perceived experiments peninsula conspiracy
difficulties grandson aboard landed worship aims opens symptoms thailand afghanistan fee jerusalem samples
travels demands proceedings ski woods leaf verse warren rfa intermediate thirty coat loop costa attacking clay
freely handled chapters disney venues restaurants emotional workshop tea stops neck muslims widow monitor
ghost bases transit milk forth winds thinks blind collapse gary consist scholarly roy ranges timber submit
guardian examination solve boss guitars switched verified beliefs lecturer nigeria romania parker decorated
locomotives sculptor hurricane realized anchor mitchell makeup convert paint compare arbitration wang lab
welfare tanks journalists responses requiring controls rhythm crosses breaks guys poverty friendship disaster
ferry undergraduate luck hebrew hosting explaining advisor comprises nephew alcohol desk permanently liverpool
barbara complicated geography wording slaves cultures surely throw procedures professionals owns warriors
mystery variable fellowship earn compositions upcoming regulation diamond criterion collins shoot roster
opposing virgin stanley abbey warnings populated johnny noise disbanded observation ballet baltimore
comparable playoff shadow involve dual layout connects bio parking shipping technically cutting approached
backed renowned amazon performer blacklisted plastic singers harrison drum accuracy danger rico proposals
robot alfred retain escaped deals beer seeds socks achievements div unrelated muhammad developer stones
ratings coached societies enters portions programmes constantly sporting extending nba locomotive diversity
structural northwestern monday sending touchdown franklin directory proven congregation architects mirror
pushed airline tale jonathan carlos prestigious enjoy gen discontinued nicholas traveling corruption spots
clients tip manga rough farming documentation comedian problematic kilometers continental dissolved pointing
hospitals wolf confusing drink sultan copper spell searches virus badly thereby registration companion pupils
absolute numbered fallen stubs handling thirteen belt telephone christianity efficient vcard detective
founders generations client millions disambiguation slave catherine dynamic robin das drinking elevated tiny
camps madrid reviewing arrives stored ultimate cooper commenced preliminary ignore catalogue lying instances
calendar orleans dreams fran smooth extends resumed philosopher signals closest liberty repeat prototype
package dress abolished colleagues villa arrive sword taxes buses breeding defining burning remembered
mainland tales benjamin siege stronger cleveland therapy blogs bearing rocket flew allegedly tenth utah adr
southeastern consultant fastest reflected discover investigate hindu payment lodge jail pronounced stem
organic gathered delayed nowrap hull bars funny immigration rolling routine prepare announcement afternoon
certificate footage harbour liquid emerging persian engagement departed oldid worn paste christians literacy
compound biographical warm predominantly minimal doctors manufacturers incidents proteins craft assists
governing deck carefully mere chase flood appreciated retiring praise recall indoor theatrical chile
artificial den findings lighting wells radar parade clarify reveal bone sustained researcher charlotte nominee
eagle roberts bigger observations helen destination generic pub hate summaries pilots intervention butler
equation heaven tomb cardinal evaluation dependent uploader hip imprisoned territorial succession cfcfff
rebellion integration wishes susan administered teeth occasional sit affiliate kills disruption absent sysop
judicial bots incomplete fringe separately associations molecular preservation cdp theology triple instructor
impressive cites customer developments sandbox cotton tape barry deeply towers joke consumption prayer enable
assignment cbs enabled connecticut waves bishops endemic forever afraid gates cleaned rocky lectures
consequently casualties cult implies cuba jacob armenian veterans hoping southwestern buffalo substance
followers altitude sockpuppet cloud interpreted strict grants dot richmond sergeant lang complaints developers
kitchen hawaii northeastern inspector neighboring contracts gaining efficiency promise gulf encountered mosque
shaped abilities vfd judgment recalled tributary survival doctorate mansion symbols nominate colours var
altered theoretical revenge moderate adminname maritime fontsize platinum rapper banking purely fate hide
dying pushing nasa heroes shots sight psychological purple qualification orientation missionary portland
strictly min conferences wake functional sixteen inscription collapsed strings duration consistently
reconstruction commanding phil lion hopefully compromise headquartered educator buddhist obscure pale drawings
martial inline taste manages wayne celebrity presenter intense romance circulation killer oral reservoir
accordance baptist commitment forcing saving caribbean feat honored interim lanka rollbacker freight targeted
careful stroke provisions synonym naturally consequences desired speaks variants sailing est optional
prevented nominating exile museums circular barely browser lessons residing segments recruited argues landmark
profit underlying mixture rebels geographical ffffff fourteen footnotes authorized bunch auto abstract filter
module colonies axis birmingham reliability railways counter dozens overview smart tube amsterdam severely
adventures handed lat encounter presidency honours app fortune missile notion hitler paying celebrate diplomat
horn customs vector cole agrees obama deceased defunct cricketer nationally citizenship broadcasts checking
aggregate dallas monster ruins relatives conducting centres ken interactions cats boxing acknowledged flash
performers civic confidence karl glasgow delay profession victorian fork kid competitors mlb grass accommodate
stretch serbia insufficient murphy pitcher disappeared witness orbit admit illustrate servant grove bulgarian
cartoon statistical conjunction travelling fifty implement jerry passion trustees privately argentine striking
beneath settings pittsburgh maintains jay biased luke promised cuts likewise rider supplement discovers
edwards helicopter construct dennis survivors oliver assumption geographic reserves lecture advised voyage
retreat declaration favourite header victories firing refuses attribution formations comprising releasing
forget impressed raid distinguish unreliable alpha automated nationwide fake whenever advertisement keith
milan oxygen mediterranean propaganda gods inches brooklyn depot vancouver innovative investigations tfded
currency varies divorced nicknamed specimens portraits curriculum riders nursing crops keyboard icon lover
moments screenplay autobiography sensitive quartet delta arkansas binding skill prisoner mutual provision
chancellor stolen boxes entrepreneur exterior codes sheriff explore farms illustration particles gear unfree
surrender spelled extraordinary lawsuit audiences introduce civilians clinton electronics accomplished
sanctions vincent anybody larry respected drove rebel matrix bernard happening estates nbc beaten distant diet
grid rob needing strikes burial suspension excessive anthology exploration hometown suite soap heir divorce
fortress bills busy beijing preference legendary thrown directions plates accidentally lesser honest labels
mess ports reforms eating syria miscellaneous activists gaming nationality licensing spectrum nova gathering
broader hat globe plaza stale composers operators hopes phoenix wire laura rush varied alaska pride decrease
radiation renewed considers brands magnetic watched deliver playwright attract militia rogers tribal warner
upset imposed speculation pull thai ladies sandy unanimous refugees aggressive legally collecting interactive
craig terry useless depicting explosion dubbed agenda trend hamlet volleyball nurse mainspace colombia streams
expertise semifinals girlfriend horizontal misleading highlight rewrite aids accordingly crashed presenting
stationed nights settle garrison wheels rally meter stability philosophical estimate imo quantum mars
exceptions dialect terrorist doctrine endorsed pierre puts loved marking memories superintendent separation
adequate probability heights precedent translations coin enlisted illustrations supporter divine dimensions
poets listen neighbouring underwent punishment sometime genes discusses discrimination notoc paragraphs export
transformation householder infection pitched array nationalist depicts runner attraction sustainable patron
interviewed circa furniture philippine constitute synthesis precisely kick discipline guinea watson migration
pit translator devil keys differ circles sheet mentioning harold reviewers gospel everybody hammer occurring
hudson precise dawn threw saudi alien vital insert considerably lloyd succeed hans reflects reserved eve mason
liu healthy lasting pursued arch transformed burns rendered investors permit args measuring peru herbert fault
jet shifted upgraded healthcare wet hugh gauge mit wrestler associates steven cleared varying bombing demanded
identifying nonetheless hoped committees protocol workshops bin consequence croatian reactions shelter
eventual florence dinner pan fat anymore pastor floors dick democrats lift standings gross subfamily wondering
hey wise armies seemingly engaging remarkable elaborate prof firms mature tiger siblings unity logical bones
bulk tissue collector aerial ret iso interchange pregnant raymond vague estimates onwards stuart vinyl pursuit
bits yorkshire pending configuration centered layers shah outlets catalog priority questionable boulevard
angry formats azerbaijan indonesian believing joins quot licence hampshire ron managers inhabited sits
palestinian counted hurt supposedly caps bce concentrated ought finalist surgeon protagonist pine proximity
bassist algorithm descriptions applying crop mistakes unencyclopedic politically recurring disabled viewing
mad namespace reasonably hybrid cia strategies fac staged imdb panels twentieth privacy likes shock adelaide
protestant diploma scout inn silly lock wanting coup perry lisa autonomous practiced petition pack sullivan
manhattan munich leo patrolling environments clothes substantially accounting wore questioned mysterious yale
joy suburbs protecting authored sick mouse ethics seized answered edges relay requesting collaborative utility
angels burn pedro prohibited screenwriter proportion pace twitter res directing preparing hub priests tigers
epic carved varieties loose pounds han breed mph integral rely palm explicit advocacy phillips mathematician
updates airing vietnamese coordinator ordained cent thinsp aftermath harvey insects ccffcc avoided convince
consent decent rainfall shakespeare entities temples curve lengthy highways bench prompted ancestry luis
trinity quarterback jpgfile biographies grain rid punk pond fees kenya acceptance yang barcelona newer
renaissance liked learns addressing reed arc measurement lifestyle hughes slight acclaimed crazy rangers
explorer sheep arbitrary fluid ted gregory draws performs topped maine objections rick hotels grandmother
genera shallow lions feminist gameplay rape beam clarke warrior nato fraud compensation holland athens lawyers
demo drives greg computing neil kilometres midnight stake goddess introducing pakistani jefferson sec holes
loves fights indefinitely gilbert everyday inventor manuscripts admission hop bristol capabilities
congressional ibn liberation corrected venezuela reportscoibot larvae alias physically proceed quiet fed
governed nose vicinity stanford adoption jon highlighted filmmaker trips compounds foundations ralph publicity
giants manufacture objection humanity hitting appeals offense chen arnold tends rivals genres investigated
preventing disk danny pound sub airlines rises excess lit remarks nineteenth differently bobby scandal
sequences detected prey earthquake demonstration democrat pen mechanisms eliminate decree graph exhibits
ammunition derby factual forgotten canvas acquire kiss enzyme diesel venice proceeded finale tactics monuments
deliberately pipe ruth crucial csd palomar sur chambers surfaces inland forty informal terrorism defines
prevention communicate weren snake deposits wallace tourists rounded runway aunt scattered acclaim egg compact
sean tune violated throwing enhanced foods sin violate nancy supervision slavery viola bulgaria handful
flooding reformed apartments aboriginal recommendations streak quit pushpin relisted marvel commenting unions
facilitate uncertain sad terrain shoulder len feeding commercially jointly formatting openly efcfff monarch
fcc ballot assembled leonard palestine frontier absorbed subjective referencing holdings btw par batting
provider transported fisher que nepal delegation renovation invitation biblical mineral kate scales ranch
threshold harassment storyline invalid bow flute alberta berkeley cameron mediation organize economist eddie
pearl galleries publishes albeit dear abu charted couples productive intelligent gather undertaken challenging
saxophone syrian careers static merits continent geometry fossil casting judgement smoke joan beside jose
recover emily optical revived bat manuel satisfied cooking canyon rankings decorative determining intensity
activated broadcaster shrine inaugurated suburban accompanying observer infringement freestyle sculptures
quest zones harder touchdowns mechanics invention doc listening triangle curious imprisonment consulting
voluntary tomorrow cluster disorder investigator vegetation criticised wickets gravity condemned tough vacant
shaw examined lebanon classics brisbane renovated delegates yesterday iraqi receiver boarding ing toll zhang
presidents hostile bengal para referee muscle equality croatia bennett spencer marble continuously
reconnaissance violating nowhere cabin kit murders rotation legends sudden definitions contestant rookie
prejudice contestants genuine sanctuary mentor eighteen fires ritual spite colored combining beta dressed
recreational councillor trace cello unofficial counsel spin altogether critically witnesses rings histories
notified neighbourhood professionally slopes knee conceived perception favorable specimen highlights hindi
ridiculous dust raf consumers evident molecules innocent hiding auckland replied hart correspondence louise
humor seminary aaron conventions gabriel cleaning rivalry tracking weird madison canton trainer nevada
distribute achieving seeks lords refuge placement chronicle decreased integrity predicted rebounds ottawa
premises clause pat governance exceptional preceded regiments certification fragments organizing monk
initiatives marksize inserted religions norfolk prolific amazing manually guides trails justified pete blatant
con derivative skull mask magnitude bacteria stepped heavyweight promising bodyclass hypothesis flora
vulnerable worlds expelled vegas tobacco dense lifted withdrawal pet lineup noteworthy concerto debates
trumpet brilliant tko maker userpage gfdl thursday duplicate loaded bag nest combine cream physicist cruz
repairs wireless automobile sponsor assassination costume excluded loyal bullet basement theological facade
clinic sunk wellington princeton emigrated artifacts stuck responsibilities julia melody prominence newton
tactical oscar scan balls overcome comfortable defender quarters tommy myth plains emma stamp excluding sizes
delegate boxer spa staying verb rescued arbitrators neat inactive lucy lucas fbi translate rap recommendation
velocity sake inherently fusion zoo flags voltage relegation bet harsh subspecies quantity harmony maternal
allocated buying shanghai metre variables todd userbox academics byzantine diary averaged abbreviated stupid
ivan comparing petersburg java tagging unreferenced glory silence infinite userspace deletions montana shed
bomber canon dimension bowling dakota referencesexternal deserves intend neutrality bulletin methodist
obtaining globally sierra testament mercury assess dollar alternatively explored liner adopt endorse cameras
asserted archaeology imported pump ace donations enhance lease ignoring individually attractive assert lgbt
catalina davies diagnosed cuban blow massacre agreements spy mario plural convoy secular testimony filipino
longtime tenor correspondent dame inform conquest faction deciding monks illustrates trans vandal swing
enrollment terrible planted investments keen reopened cruise rachel senators motorcycle sends contacted chest
depend measurements counting denver collegiate cheap celtic owen payments planes smallest chicken cannon
kenneth constructive airfield restriction participant dont medalist cycling controlling uss crowned tickets
spotted whatsoever notices auxiliary query lucky linux comply nashville ambiguous brass indefinite relates
bout mandatory anglican syndrome detection elderly arguably develops nebraska boom generals intact unveiled
verses worry walks bonds dropping yield bug bounded chiefs similarities proceeds georgian strongest doctoral
auction governors capability relevance guided linda charitable ceiling designers elimination ceremonies otto
prizes lens suffer enormous quarterly eagles arose dab struggled reprinted derives hanging expired bath
tension bread font luxury andr holmes sony readily fixing choosing duncan endangered comprised ghana pirates
cylinder memoir successive justin pleasure destroying advocated shtml conviction locked mythology shortened
plaque violates ton portfolio barrier resides accredited broadly consolidated availability tackle traces
accepting custody rulers bailey spades llc enterprises celebrities wonderful phrases trunk decoration
goalkeeper brooks climb wednesday nigerian choices thermal dome laps hydrogen simpson garage carol sprint
stance tight particle teammate blake porter gothic ellis sectors narrator merchants albanian amy beds bore
altar equity outright owing wholly stevens cnn chef hamburg lengths advancing battalions batteries
coordination motto marketed accurately treasurer dubious meaningful locals tackles dish blurb abraham
graduates forums proud solved consciousness tendency realm caroline recreated unsuccessfully technological
escort compatible illustrator detect palmer geological tuesday creatures slope expr cincinnati laser fitness
advances deeper complexity sphere scripts bike galaxy backup sail finite plantation crater encouraging commit
arabia logged suspicious justification miguel steep sue cliff invested oversight advise salary leeds css
contracted insight trademark folks adviser fiscal inferior kumar kerala gotten unified fur linguistic cox
objectives splitting raja pin climbing prints harper mate warsaw delaware teenage deployment stopping sorts
ancestors marathon telegraph guarantee trivia secondly consistency relate quarterfinals everywhere flagship
machinery episcopal toy graves ash nsw stockholm commentator sketch conclusions corporations della nobel
floating baronet trim import duck handbook struggling lets fountain hood timeline transparent bankruptcy
approaching rectangular avoiding risks unaware balanced rubber hearts specify trick freshman mhz councils
revolt mistaken reflection watchlist powell circus searched descendant pageant reflecting afl dynamics fruits
brook trucks columbus convincing incorporate neighborhoods employer trailer screenshot brussels contacts
commanders marc marcus inspection coined investigating diagnosis cottage reversed ease bombs extant divide
proclaimed generating cork breast singular responding surveys affiliation shoes puppet amended forbidden
jamaica holocaust colin regulatory ussr leslie scorer dancers arrow demanding ernest subpages frames cohen
speeds josh contentious unincorporated knocked organisms deserve motivated evaluate enlarged lightning teaches
accommodation classroom sleeping matching marshal maurice enacted flown labeled adequately presumed pradesh
postal schemes ideology loans noticeboard posthumously referendum bare connor creature burden flowing
immigrant presently systematic atomic americas sociology darkness unnamed flies int armenia retire lighthouse
karen observe republicans hon constitutes surrendered encounters exercises mtv montgomery sings naked vii node
poly identifies twins diving dissertation insisted provisional realizes jumping marsh spacecraft destroyer
essex mild treasure blade nathan differs colleague trap unblock embarked chaos transactions humanities locate
forbes expectations rational emeritus professors embedded terror shells inclined armstrong ping upgrade
descended mart screening bradley compliance poles scenario spreading chances honestly parishes isaac roosevelt
disorders talkpage retaining reputable pavilion mos wound beats providers rushing mammals thumb treasury intro
pointless revealing queens witnessed podcast grande threatening equations woodland infected affecting cheese
newcastle rez frances rector disagreement cooperative garnered cluebot sponsorship henderson sovereign gibson
crews martha checks slot confirmation stern peaceful ren uncommon modest tab yours inception demonstrates
visitor cognitive factories alter spirits enclosed exploring modes advocates dining theorem barrel capitol
clarification trapped accusing mesa listings breach outcomes drag dedication trilogy vermont bordered corridor
fatal detachment dos pocket attributes catholics intentions trends humanitarian finest mps partnered flowering
casino narrowly atlas stems competitor rehabilitation recipients hiv minus finger pollution wisdom screened
gains loosely ahmed guild prospect betty implications terminated excuse secretly streaming tan implied
determination judged richardson shapes robertson caf celebrations str boyfriend bicycle skilled terminology
pursuing personalities mumbai dialects lacked qualities spare persuaded valued penn marker paths walked patch
infant prosecution abortion firstly protesters millennium interstate comparative marines mandate prefecture
oval jake enabling informative expense surveillance ellen teen cyclone tyler glad portals ethnicity allan
affects filling leased lanes interrupted chains reward limitations arise wow lighter frankly demonstrating ana
chaired jennifer photographic curtis glen bugs behavioral columnist pioneering rosa safely pseudonym wished
sacrifice aires preferences viable peaks idol modifications calm astronomer denotes aesthetic electron
nationals accusation blame nobility ronald armor rows curator troop suited tips soprano console encoded loses
corn buenos folded pregnancy bypass herald courthouse noindex wwe corners beings ally civilization uganda
andrews servants stamps annie elect duet arcade mastering julian distances acre meantime complications ear
clergy carpenter dirty potter stats mud lesbian teenager metric paradise racist disciplines indie interact
rewritten designing wartime heating credible declare seating projected bottle memoirs prefix holidays modeling
rent complained welcomed hms builder orphan accepts servers wagner rifles barnes planets magical rarr
alignment transform talented noun parody dorothy flee tragedy irregular possess malta miners cambodia jam
halls silk bryan solomon urged expressing refuse limestone pupil disability chip qpq termed seventeen maiden
summers jacques reunited painters constituted restoring uninvolved persistent reynolds hadn statues undertook
dealer deer heated struggles isle sued eugene empress anger occupy diana ller convent asset fernando textbook
virtue uprising alert curved bend stint dental resign juvenile savings inscriptions incorporates raids pottery
brien madonna resided nowadays cry resembles barn unreleased witch commands leather indef silva reid jesse
appropriately obsolete switching phases examine homeland resemble outlet homeless prague sch verification
arctic neologism thoroughly resume treating ibm tongue seasonal knockout pronunciation modules appealed bach
plateau timing badge brigadier paulo courage racism filing dock talked richards durham habitats cherry coupled
cfm ore punjab watershed indies batman attained interference sank landscapes surprising menu rpm probable
radius pleasant inaccurate leon wikidata cyprus letting realistic perspectives rica burke phenomena panama
reverend fossils makers succeeding iconic blacks notorious myspace incorporating knife trek functionality deny
butterfly napoleon wilderness promotes logs arsenal launching somerset bother swift granite chassis utilized
transmitter quantities supervised bells devon afterward lithuanian bombers specially trigger demon possessed
crest acknowledge gifts congo forgot selective teachings countryside norton damages mapping julie profits
saves hopkins theaters specializing loyalty capturing wives isbn sailors invoke congressman worried peers
incorrectly pension watts thriller chi pour diagram yearly folklore masses cure primitive jeremy chronic
hispanic wheat mcdonald conquered firearms demolition presbyterian toxic hectares santiago unacceptable
teahouse runners subpage scratch torpedo censorship effectiveness tel advantages flexible precision perth
survives financing rod constituencies remake collectively holders lithuania chan torture steady atoms
philanthropist macdonald reproduction squadrons decorations anthem specification healing enforce consecrated
reinforced facto sketches espn unexpected romans navies ensuring plausible morocco yugoslavia breakfast hardy
rgb canceled ancestor carriers verlag analyst starter enables bitter expenses hang observatory admits
penalties slide dominican livestock doug controller combines aen reduces tired missionaries overwhelming kyle
continuation barracks geology procedural lateral minds ant peaking iceland attractions commemorate preview
membrane dairy regent reluctant kicked cardinals tender evolutionary viewer emissions collision install
emotions astronomy alpine legion accidents cache giovanni sussex volcanic odds apologize thomson fifa
copenhagen itn dances approximate morrison frozen originating pipes chuck joshua frankfurt commercials
container fits institutional sworn mediawiki habit acute manila remedy traced motors practically warehouse
creators rendering lone chemist feast migrated transmitted cloth wounds fabric lunch similarity sheffield
qualifies tonight jungle eleventh momentum dig marginal stays abandon apologies revisions portrayal andrea
nintendo chilean remnants fence forewings scrapped terrace swimmer ain tin lynn sara breakthrough ecological
discharge dale mini encompasses introduces ira steal discography chocolate banker surgical refusing trustee
brewery strain validity missiles uefa echo moses councillors ese pleased specialty anon smoking cooling
domains definitive lineage isolation loud proves meanings exam feminine milwaukee ethical prosecutor
prominently freshwater modification finishes hung johnston settling suspicion elephant dhaka offshore mothers
sudan underneath alternatives possibilities drafts motivation abundant functioning aided fairy regulated
profiles defeats patents donation importantly drainage standalone italics rao valve executives joel outline
chemicals doi proposing postponed pioneers confined fingers spectators imagery michel shame employers
imagination fantastic secrets wei premiership skating claire symbolic underwater fraser viii physicians scouts
chester anthropology confident franz stakes mood paperback picking shipped ndez overly eaten marco pier boot
krishna promises pot hooks sally redirectsite lutheran tasked tide statute ads sailor borderline offline polls
darker invaded traits wrestlers villagers asylum patricia counterpart tensions commissioners wards employ
shirt idaho clue interpretations drops emblem carriage beneficial informational defenders loading subset alma
password conclude macmillan organizational contributes cameo conservatives caves spider songwriting undeletion
organs spi inadequate lovers textile leipzig shoots declining governmental supervisor tang faithful lunar
ballad footnote dorsal essence eva yahoo monsters guaranteed celebrating freed olive steering lightweight
categorized rainbow blast armored beck clip cornwall wmf glacier clarity branded ingredients declaring
showcase halt corp mascot honey cornell chronicles tornado metals compelling impacts harvest vowel sexuality
freeway gonna mob oriented rebecca friedrich trafficking replaceable imaging toys privileges binary penguin
unusually composite subscription pts tonnes reject commissions coloured albany torn consortium seth tears
outlined lung displaying tertiary frog castles malaysian newman burton newsletter powder deity fever instant
brunswick photographed breakdown downstream mercy afford geneva ist malcolm clearing competes wilhelm wpx
prohibition analog ois atop happiness submarines conversations reunion coordinate cultivated garcia easter
securing sophisticated ambitious favored entirety criminals blamed heath preston hollow johann tallest
excavations syntax announces whereby drunk borrowed intentionally inherent subtle strengthen comfort monkey
survivor jeffrey ecclesiastical smalltext estonian immune judging macedonia gateway polar airports pressed bee
expressions mirrors twelfth alphabet booth employs cage marched classrooms marriages sanctioned newport
treatments ears implementing redesignated firefox cafe judaism spanning dylan structured casey milton ecology
beaches rope repeating unemployment undated linguistics homer sorted largetext mann frequencies punches
asteroid edgar belgrade viewpoint protective albania consumed inability instructed logan paved adminship dell
opted precipitation maya viral continually undergo glenn batted shaft cyclist soils bizarre revenues
cultivation extract repertoire encyclopaedia courtesy hayes hierarchy subjected marion maxwell shocked
fraction subway ribbon transaction localities sovereignty hire ethiopia sockpuppetry highland refusal harmful
leisure slam escapes targeting exceed mice throws notation sept depiction theatres beast autonomy storms
elliott dissolution denis oversaw simulation rican hiatus statewide relies jamie genius princes transfers warn
porch replies progressed savage clara loaned bradford laboratories interpret guru swim attitudes decisive
chelsea practicing oriental carroll crawford sox speeches vols marina oakland recruit blair surrey alto
buddhism aforementioned launches ion swan dir algorithms concentrate buddha rat auditorium rhode consul wages
uniforms grouped ceremonial invisible thereof atmospheric subcategories purchasing occupies bride notification
explores freeman horizon caution gerald dramatically keeper feared timothy stripped clarinet paired numbering
lined proving santos contribs logistics sanction cycles omitted battlefield abbot rode burnt edwin yuan
sponsors orchestral corresponds natives differential licenses wordpress seas terrestrial tense aus picks tens
riot substantive pipeline coral armoured neighbors routledge walsh nazis airborne talents occurrence rides
bengali clusters attribute varsity irrigation hannah desktop sup adjusted batch visa algebra teamed overnight
liver mvp raced suspects residency simpler decommissioned damaging budapest vacuum detention thunder vault
griffin blessed incoming evacuated discourse pistol apollo remarked katherine wears listeners valleys
delivering vladimir costumes approve flesh flame sheets wage positively assumes reside automotive alike
passive salon annexed critique birthplace overtime kidnapped petty questioning humorous drake relied contexts
curves ventures campuses advertisements porn comeback doubled correction genocide abdul memorable vampire hugo
inmates anticipated europeans voter mod cartoons istanbul vandals reporters confluence demonstrations
televised cardiff molecule bloody monarchy swept fathers synagogue sebastian spans chapman exclude
disappointed premium edmund slogan tram prevents upstream sunset abbreviation convey lily refugee extensions
playstation shi bark contractor dirt indianapolis apps ecuador positioned countess lyon deadly lebanese
interred lobby anatomy unsure processor latitude berry prevalent interval triggered institutes solving belfast
villain gambling verifiability repaired phones void boost receptor sophomore cow crane ave vista cadet
vegetables explosive passages meyer oslo persecution operas bros continuity estonia capt carr qualifications
printer chang networking retrospective pirate lifelong umbrella zur tended chartered reorganized tre
appreciation intensive adrian assumptions fears destinations obituary encourages memphis financially petroleum
clicking feeds seated investor jets spur westminster dub inventory kosovo fraternity recognizes wagon retains
concludes accent erik aligned submerged clouds tunnels desperate triumph inconsistent candidacy russians
jessica inheritance troy theft kingston lately screens recruiting yields touched sitcom underway webb
accomplishments cellular telecommunications kerry reservation definite displaced pressing shuttle constituent
bosnia dragons acquiring baroque manning awkward marching polo synthetic limiting overlooking monetary
coordinated transferring activism airs apology assisting unsuitable atom matched documentaries wiktionary
poetic jenkins winters suffix greene shepherd angles realised rfded absurd gymnasium emergence gardner bang
monroe beatles sinking enforced moth nacional cruiser schooling unfair afghan explanations evaluated janet def
textbooks collectors lancashire rushed eternal copying nervous nixon brad installations arranger lin pulling
derek ink helicopters researched eponymous skipped reissued eng electorate objected detained compression fauna
slower canterbury hawaiian dad minerals riley gif announcing meyrick casual logging nez sanskrit cope weakened
cds whoever abusive ferguson anton roller rochester unpublished emphasized angela meal revertlisted mobility
genesis spatial michelle halfway tubes passport pandemic nyc flank ahmad catches aquatic fulfill boyd
processed aging tribunal deputies portable utterly criticisms prophet minorities regained invite lynch
paternal candy instantly threads deaf emerge disabilities quotation rude reconstructed practitioners monte
titlestyle simplified librarian frustrated churchill residences lancaster assignments christine flames norm
posed wong sells conception electrons convenient granddaughter scrutiny teammates sealed permits tucker
incredibly bats observers nonprofit corrupt credibility unesco colombian converting prairie reassessed shark
fletcher posters plasma quoting slovakia tract speedily communists scenic selections substances fin quotations
kirk chat unidentified deliberate fern fold ein stan successes accompany backgrounds modeled burma complement
miniature webpage tribune kingdoms pbs drinks antenna wikipedian taxi undergoing raises scotia nurses relieved
pays baldwin forestry transcription roma vacation cease sophie oath traders factions antarctica negotiated
authentic myanmar wyoming packaging android necessity shadows minneapolis kurt premise spokesman databases
induced destroyers salmon discovering partisan salvador displacement jin ashley springfield methodology belle
proxy advancement intimate concise offspring downloaded preserving ranger signatures jsp recreate courtyard
undisclosed offset coleman removes pertaining dishes constraints negro buttons naples histoire outreach
outskirts sonata adjoining slang ugly flooded meta sexually ensuing val fisheries theologian combinations
schmidt calgary apex delays volcano yacht telugu brighton markings vocational debris zimbabwe jenny orlando
rotating pastoral jokes concentrations numerical rituals digits gym castro ferdinand indirect cgi inscribed
rented pig mfd uncertainty developmental translates venus hist saga theodore realizing dixon ffa midfielder
daytime tibetan joyce agnes indicator carnival demise botanical johns advent quarry claude abundance airplane
fuller precursor mortality promo windsor increment raiders occupying felix misunderstanding cement botanist
niece creativity sherman strips miniseries labelled shorts amanda neighbor cfd subdivided patriarch sage
throat moist moss laying surprisingly shores conferred hay garc satisfies unfortunate doubts spells pathway
herman rockets rays exciting fundraising poison promoter unanimously carlo roland multimedia teenagers rumors
stack brackets deadline twist fortified verdict announcements maple pose decay rhodes formatted lime minimize
honorable manitoba kenny nerve consort preparations typing clarified discoveries midway announcer exports
precious plymouth superman bruno punch impose identities darwin experiencing peterson rolled autostale
chronology usable sandstone violinist ashes undue treatise riots heavier rowing upright reminiscent cropped
sonic kay prehistoric sar semi bombardment logos convenience asserts tunes wreck apparatus trauma firmly penny
updating morton cake wizard representations commentators projection sacked grammy rfd stefan webster figured
una defendant liberals subtropical nucleus jumped blend genome mural wade telescope academia triangular
appointments kml offence cairo une confronted souls tragic greeks banning lou mistress amid fierce brave
sensible imho predators behaviors establishes deposit verbal vintage activation financed ordering
straightforward finalists exiled nodes constable specifications rim debated rejection nave negotiate desirable
euro praising icelandic securities bombay supernatural rex slovenia titular reef circuits loads researching
nos suffers rabbit exceeded bays troll neill collaborations baltic instituted advocating psychologist slovak
brandon notify yankees img realise concurrently shooter carey softball barriers eliminating dash pic pierce
prone choral tolerance repository eighteenth comprise ruby examining agreeing redirecting miracle generator
unfinished cuisine davidson feathers dans masculine halifax differing civility landmarks robust gifted dubai
thrust plots seoul sixty backwards inflation goodbye granting organist kane dive honoured providence tooth
geoffrey clash papal sharon jorge resist strand crashes nationalism cedar highlands buck lonely latino bart
nutrition counterparts fragment constructing rental matthews cares randy quinn stealing excavated ambulance
gill partnerships shiva sympathetic evangelical spokesperson suppressed crush unchanged shade cfc hunters
issuing considerations ucla caesar calculate algeria gentleman photographers spiral recognizing ruined
discharged astronomical chooses promotions vale agf pharmaceutical luxembourg tributaries averaging fuselage
satellites stranger helena saskatchewan slender sadly disposal peasants prussian vernon whites capped
rebuilding transparency armour iris sen pdb labs debts pyramid setup liga comparisons depict bedroom
likelihood pools lyric evacuation genetics syndicated cups determines henri intel detailing informs
grandchildren rep expecting intervals edmonton integer allmusic popularly infamous expeditions render skeleton
turks lumber lesson overhead linnaeus vicar habits icons optimal predict correspond bates specialised tally
ifexpr beef promptly recognise irc ancestral shoe adapt incivility detached spectacular progression
automonitor sterling forested jimbo adaptations robbery charleston confirms nam lez steadily alexandria crap
fool strengthened horns gdp pearson defenses amendments discretion willie failures tenants standardized
venezuelan peters unconscious sensitivity substituted subordinate breath forthcoming typo replica unblocked
discouraged api niche prayers medley readings litigation patterson acids sensor float sheikh psychiatric
victorious xml disclosure exposition reactor unhappy retrieve socially loving workforce geometric gibraltar
siding weighed kazakhstan troubled cal luther renewal tricks scots bolivia clips categorization uruguay
remotely mountainous hiking filmmakers innovations improper fischer comma oblast ourselves blown subscribers
qualifier rejoined mutations stark liability presided homage contests kindergarten answering transcluded
visually sanders casa dawson recruitment descriptive wrapped accumulated concluding indirectly stripes beloved
dried portray paraphrasing skiing salem bblogspot investigative exploitation magistrate vein complaining
expressway framed donna vfl julius transgender originates mound refrain eleanor levy persuade analyses
contention fiji overturned sabha observing eclipse testified staging hammond fare frost charities infections
partition pillars ernst routinely emotion foremost otrs ludwig exotic mohammed recovering endorsement
unfamiliar pharmacy chiefly biographer chembox slate monica reproductive trinidad disappearance directorate
accomplish duchess incidentally revelation wheeler platoon expresses divisional sunshine compulsory rna undid
grouping notre implying itunes sentiment ham investigators extraction aiming shifting leaning feud specialists
specializes tampa resembling bust upheld poker hemisphere prosperity cbc obligation semifinal chaplain
possessions unstable obligations arches isles namesake pioneered uncovered calculations beth attachment
chronological guatemala coronation depths europa climbed regulate cheaper undo bullets cove slip assertions
attracting pedestrian hindwings renovations ideals shrub gaps bureaucrat fortifications visibility undefeated
exported stalin employing suffrage reagan remixes calculation deposited stomach advertised williamson hymn
nominal devotion vocabulary rue motives shortage predecessors lamb vatican thames canals surpassed tasmania
rebuild incredible nash archer rom dominance ebi proposes annoying insists nominees reinstated wherever arabs
entertaining aliens weigh gloria devised puzzle sustainability barrett endless randomly squares majesty slavic
cassette robots conrad regain closes teens separating educate louisville spike nascar riverside passionate
garbage heinrich portsmouth conform deutsche prestige paramount sutton curated summoned newest possesses
balloon relying facial headline tibet datestamp generates roberto stm fiber disagreed suits aria blanked
murderer invest patrons freelance wool incarnation surveyed patience helmet captained blanking economically
digging curse yugoslav fixture superseded unopposed xbox viking inning onset consultation terrorists equals
mus swamp tapes orbital redevelopment conditional enthusiasm gaelic tiles postgraduate carmen laptop tracy rca
accreditation insect raj madame periodic maid aerospace hunger itv neighbours meditation nina snails
denomination fitting reliably wolves che lowered turnout births destiny privilege bent nadu registry trolling
campaigned blades elena styled cancellation rats packages armament hairs soloist emmy weekends wholesale
stuttgart dei madagascar forts cao stained integrate hansen parkway tutor francesco yoga confrontation
demographic lima jewelry ruin nursery tanzania guilt antarctic bothered hurling santo apprentice neglected
cubic dislike amino troubles bye whale exams patriots adverse insignia statesman portraying baba grateful mint
announce treaties thickness indiscriminate hiring ade highlighting symmetry lopez abused bred winnipeg
computational drill smile mohammad wikiprojects exclusion arte homosexual principally charging workplace
speculated macedonian coding klein spinning ideally trades engineered mozart crafts breeds norms unprecedented
surroundings hawk apostolic phillip percy excited syracuse extinction rita glance assassinated distributor
homosexuality pablo contemporaries famed uncivil cliffs sol soviets ger premature jubilee challenger accounted
cousins tissues nrhp jackie offerings lede bowler bans townships gonz cab crude alterations lightblue
newfoundland diamonds infoboxes ideological floods aluminum stressed gazette zip elegant skip barker conscious
versa wwii establishments deluxe libya holly gentle captive enthusiastic smell burst collects ffcccc joey
wherein vacated juice coastline caste judith awb prolonged tumor shifts chad polling patronage profound
sparked inclusive postseason hereditary pressures portrays accidental choke rbi analogy digit stairs tracked
babies barber basel lambert shipyard cartridge consulted railroads soup valentine clever intake wines rhetoric
erosion pitching torres posterior shareholders disappointing mickey frustration nineteen imprint basal eminent
charting organism midwest gandhi abolition corrections solidarity pilgrimage steals dom disco complexes
exchanges foreigners confederation ori sect sensors resting dividing monumental esp preacher watches sundays
ber messenger backs spends reissue generous ieee dismissal usd airplay alberto adopting hostage scroll
motorway floyd excavation muscles taxation cop margins shields violet gravel bryant donor outfit catalan
nobles pulse composing cents procession themed stretches mentally militant canberra rage johannes pile
conservatory akin reflections edith unverifiable boeing instrumentation competent panic devi insult camping
companions prescribed rolls australians addiction strait stretching mba resemblance injection thirteenth doll
flour ming preparatory unlimited credentials plantations suppression refined scholarships halted disappear
stereo execute lisbon serie dem rouge socialism retarget dignity communal crowds migrants prompting
jurisdictions authoritative troupe variously correlation audition jockey ers laureate carson fuck happily
breathing advert willis amber branding profitable controversies meadows enjoys lyrical lib acceleration
retreated chips sidney elevator erect farther synthesizer militants analyzed fellows literal voluntarily
crushed probation examinations cologne ladder extracted buddy supportive rebranded chairs laugh latvia
downloads crack uploading berg dwarf lds mater complain participates suppress batsman builds peasant rafael
weber clayton fertile cone dug collaborate lankan countless franco nobleman erie unwilling equilibrium
fitzgerald alarm reigning gymnastics jacket audit malayalam playground undertake internally obliged mighty
characterised moderately hypothetical isabel sustain vowels brady benson ions whitney contingent enduring
undergone flats innocence kashmir rapids exchanged nat protested renewable adjective utilize inter mccarthy
elisabeth funk clare sixteenth satisfaction wash pos holt reprint react boots isabella belarus proportional
ignorance sorting ratified turtle worthwhile sticks dwelling fixtures taiwanese adjust barton bah hampton
denominations alexandra caucus sunny nottingham haiti anxiety teresa jupiter choreographer immigrated
karnataka andreas pepper snakes reinforcements statutory farewell dramas catching leicester warming awaiting
kindly bite incorporation noon ceramic heirs maturity racer shirley dispatched parole noah crescent vacancy
patriotic markers plague productivity flawed swords shane denote exceptionally relisting scouting filters jew
pie anterior touching vic devastated foo suffolk conceptual lindsay strengthening humour demons ivory typhoon
cpu eden mafia dimensional hal allocation crow sinclair peruvian confirming retention attested evidenced espa
podium sink disasters ministries xavier bags meals volunteered maj sharks diagnostic historia warships
bilateral capitals brutal cunningham majors boring disturbed selecting exempt msg analogous mma inevitable
augustus westward alley perennial lifting toyota chennai acronym phantom commandant evidently hawks
consolidation derive striker sincerely locks hatch yan seals dots madras dose mackenzie heroic eps rigid
affordable shannon proposition marrying drain boris kidney captains protocols jerome recruits engraved hint
semester bottles vhs threatens communism retailers allegiance sid handles texture wishing decreasing jumps
cecil malay lawn doyle gasoline maggie null fined diane speedied trevor backlog emphasize aberdeen lamp
derivatives concur induction newcomer admired alternating kai sofia rewarded proprietary focal ambiguity
solitary woody fleeing outdated delivers depictions receptors utilizing resistant colonists grocery turbine
probe roses ivy midst exploded pez subsection carnegie sodium visions shri eligibility liaison insulting discs
ulster mfded remark downs staircase dana cooked reich lounge insane mom genuinely stunt perkins arises jesuit
bacon symposium panorama fixes sophia latvian opposes escaping weighing clearance obstacles inauguration
restrict denial centred marx nocat acc reelection brush herb mortar policeman appoint hatred ada pike falsely
arrests repetition irene por confronts nordic satirical fleming stocks cables bordering polite patented hmm
sheer cartoonist veterinary culminated trombone invites mapped qatar vera evaluating clashes discrete straw
archaeologist documenting ibrahim jacobs antiquity springer committing patches campaigning nicole brigades
patrols arising tai gases judiciary drought killings systemic conducts commodore verbs honda insist
maharashtra conversely overlooked sicily colt heather georges lasts misuse rodriguez syllable anchored
cherokee trout skyline weakness chrome destructive mayors molly bangkok pas dee shy impacted thats prisons
currents actresses ambassadors salvation congregations damn satisfying sampling philosophers illusion lorenzo
basestyle infinity attracts upmerge bolton sympathy ghosts bedford jaw chord flemish bloom friction lowland
concurrent falcon meaningless playable cord grandparents cumberland tap deficit howe gerard mama sweep bulls
duel analyze commuter homestead pleaded receptions alright flexibility dominate metallic motif dunn
secretariat harp remind bilingual flavor picnic hale travis gale ascent commemorative zhu constantinople
ballots stretched explosives hyde vaccine guessing tablet wikipedias takeover haleakala emi usc wheelchair
gable packed brake pigs lean merchandise builders marquis nil illegitimate presentations crossover favoured
lava pitchers culminating utilities mega parsons preface msn duchy nautical rama nytimes collar janeiro bricks
revue earnings fog plagiarism tina montenegro summarized urge seventeenth unsigned dull lazy calcutta myers
southampton papua philippe headmaster noel cube disqualified irving navigate wesley revolves stylized melodies
accession rollback vertices cosmic raven mai narrated aurora restructuring regret arrange stole userfy
introductory beetle singlerpt seniors gamma mapfiles georg accessories hastings imaginary dump mistakenly
midland corpus organizers inequality prussia immense tear lotus prostitution spouse captivity chairperson
departing myths dispersed medication settler qing reilly bind monopoly farmland hassan centennial exhausted
galerie canvassing junk surplus tremendous finances recipe preserves mat shit mir colorful cowboys miranda
defendants kurdish liz lovely entrepreneurs plugin unexpectedly huang kannada hardcore reorganization fda
redesigned beaver higgins pits fluent naturalist borne cinematography helsinki presume allison rails accuse
mosaic submitting weekday grape elevations supplier greenwood crystals overhaul affiliates negatively germanic
clarence seminars parachute motive drowned pizza prospective mare mortgage sized headlines onward signpost
grammatical sharma washed nitrogen simmons centenary warranted hawkins otters collaborator manipulation tempo
haunted regina sleeve knock slim compressed confession payne accelerated rovers conflicting prospects
exceeding proceeding rodr gaza epidemic assured flickr respects summarize bees openings proponents warden luna
supplying nude cowboy pal sharply submissions programmer randall groove mandated norwich clifford cannabis
fourteenth badminton punished christie cadets landowner sauce declares immunity weaver sunlight communes
diplomacy nightclub hank posthumous urgent eurovision amusement notoriety substrate ecosystem toilet foul walt
xii horrible unrest interfere dismantled hermann seller exemption nicolas thief priory lol spun hailed nicely
endurance ironically organizer silicon cruel viruses initiate turret grip gradual ned coherent tavern encoding
disagreements stephens motifs lyricist imposing lance urging unicode arabian esther empirical propulsion
intersects canadians puppets sacramento reproduce werner scenarios customary devastating neural archival
dwellings inserting dudley archipelago antique continents sacks clyde prefers ensured christina mongolia
blessing commencement ffff stevenson feasible neal abstain kolkata willingness booklet planting burmese
fundamentally contractors laurel seminar dams deported frigate successors collaborating trait elliot tones
autobiographical overthrow einstein illegally harriet leap sands botany disrupt cardiac ordnance atp
beginnings circulated strikeouts creations dodge preferably physiology insights arrows deities omar slovenian
lastly cane ethiopian risen practitioner solicitor attendees saxophonist reds distress angelo upwards stein
speedway behave butter mechanic masks conway wanna javascript absorption fancy fishermen transitional leaked
gala intends ramp corpse periodically mastered leigh capita intentional acquitted devils differentiate antwerp
handball beard totals diminished peerage ordinance interdisciplinary guez knox dresden outlook reconsider
winston tent denounced emails intellectuals seize forensic punctuation recipes attorneys cubs ranged digitally
grief pathways hazard switches tombs augusta ang judy appealing pledged cam escorted translating wikilink
yemen dover vendors choreography carlton viscount captures bury prediction infants willow glasses calcium
bullying aft katie exhaust zhou boiler biologist analytical magnet sandra deposed angola tortured travelers
withdrawing brett constantine propeller aluminium expiry decreases hut fowler drains degradation dinosaur
criticizing mutation spawned lent universally flint replay painful ashore recalls leone steele tuition expose
tidal cancel emission crusade mohamed interventions pillar milestone embrace commemorated ceramics expectation
grossed kirby illustrating enzymes brotherhood compiling descending weaker olivia ricardo proclamation reprise
scanned persona treason confront oversee furious xxx ponds walton fascinating nfcc lauren bestowed bermuda
annex famously lacrosse hobby disclosed replaces wasting waived traction chin realism userboxes weights
convinces wiley awful mel denying govt attach spiders dare intending fulfilled rey routing imports geschichte
periodical longitude smithsonian markup asserting amalgamated vegetable presiding characterization bean satire
donors ffc speculative dominion abdullah simultaneous shire gmina magnificent waterfall pagan eager parallels
humble bud catholicism applicants britannica pratt undertaking temporal marries hoffman clergyman cockpit
linguist midlands oceania fond fury installment screw biodiversity reassigned resolutions charm italians
tunisia zhao liquor clans deeds nests fifteenth northward responds selsoviet taxa infectious repetitive toledo
sgt mla storey tate shake regex uncomfortable protects drilling bubble capitalism fried signaling stephanie
stepping bankrupt reconciliation czechoslovakia spark favourable unmarried evolve alumnus panthers barred
nightmare elongated surround simplicity litre meadow theoretically wasted ridges antagonist hartford unite
georgetown fatalities grounded mick wit nouns paula retaliation rejects surf uranium quo kuwait alison
compelled dismiss entertainer finn urdu astronaut wagons endowment touches alphabetical entrusted overlapping
chandler apache etymology commemorating hyderabad reminded stella surveyor shoulders hospitality beans billed
opus transwiki lenses manifesto clinics perimeter revive insults rudolf formulation tehran slated kidnapping
supermarket koch shine diabetes bamboo rivera disappointment basket augustine remedies confiscated gould
seeded hairy wicket schneider espionage browse fascist disguised categorize giuseppe worcester kicking somalia
usb coffin inspire bacterial exits collapsible venetian certificates baghdad plug aggression morality twisted
exercised whitish gentlemen rigorous subsp unavailable affinity authorised relics awesome buyers saunders
ffcece rains garrett jain mixtape torque caring jealous spanned discount preferable pol remixed sigma rams owl
angular eastward yielded separates doom hostility manned hydraulic regimental winchester jurist mormon
distinguishing senses lottery beams minors converts denoted occupational scrap admiralty culturally peripheral
pray seymour parentheses ind omaha nuns curiosity watt wrecked byron blunt paraguay artworks concession
reddish africans assessing coincidence offended encouragement bios sensation allegation italia reminds bert
oceans therapeutic beverly bolt comet compilations bangalore ambition tails pitt corporal preaching jpeg
misconduct rand fungus technician neurons usaf undoubtedly assessments ultra brooke footballers hymns fff
madness brewing pardon daniels fritz bosnian blanket warwick bulldogs ferrari unpopular modelling defences
hanged ricky commitments sunrise zagreb trash ministerial kernel synod alcoholic costly monasteries adhere
efficiently purchases baritone johan eruption bucharest evelyn resorts synonymous lightgrey coincided mayo
assassin diaspora disturbing flourished teau specials bleeding bathroom python stationary plc wires flip urls
mankind med calvin compose randolph moroccan shortlisted owed poisoning sooner drift goat respiratory royalty
goodman orchid viewpoints sylvia chu moot auburn axe archdiocese mil gossip mating resisted jennings alexa
jamaican generalized hogan login detract nasty monastic villains hampson grasp bbffbb noticeable consult
crying attain trader jensen exploit nuts processors hardcover skater tire fearing lennon browsers enthusiasts
surfaced herzegovina ample flagged waited businessmen patriot rite deed drafting cum constellation saxon
planetary sums forgive dia peculiar carpet pledge donate inactivated catalyst refurbished talbot feminism
unspecified harmless martyr ffded plea pasha itemid lizard bail predictions veins wendy indexed andre reminder
wolfe industrialist satisfactory whip roofs dressing threaten influx reproduced accessibility discarded spine
hancock murals valencia barrels kerr classmates resurrection moisture superhero avid josef aviv educators
potato skeptical disciple fungi mack subcategory weston admittedly braves ida wetlands sided recorder landfall
geologist periodicals tfd uae susceptible treats beethoven eccentric chemobot nhs byrne golfer lightly warns
grazing rooted amor remarried bis annals browne jung confer griffith cylindrical jill mounting relocation
banana schwartz sant flaws subsidiaries hurricanes ark vine reluctantly statutes het elders fianc lagoon
legitimacy shareholder abbott polynomial amg shelters pretend sig containers beacon taxonomy ngo ufc auf gorge
dinosaurs omega brakes transforming basque rites rogue gmbh mandarin buyer stronghold tenant alfonso
amphibious misunderstood exeter pad popularized tar subdivisions guiding ineligible pls hostilities dioxide
bavaria approximation gig accountability desires blockade disclose knowledgeable libretto vikings archaic
ronnie cameroon consume dar pornography readable butcher prevalence wax chamberlain disciples nyt daisy
compromised monitors intercepted martinez spherical steward authorship demos lawson pga shining khz
termination loops transporting nationalists backward bollywood jeanne competence sweeping prep fielding mast
vernacular sounded splits inflammatory lexington graphs flanked originate encyclopaedic masterpiece richest
coincide postwar qui trench lectured wikia automation malicious ditions cinematographer prevailing anyways nun
psychiatry quietly respectable upgrades bracket gore inputs centimeters jstor tabloid phi terra cheshire
paralympic limbs homework giles reptiles livery rai delicate unreasonable adjunct densely fuscous voivodeship
pok retailer melting pamphlet crowded kits dealers disastrous opener turf offences lawsuits mgm queue reyes
kathleen defects loch garner hare roth sounding oaks uniquely bergen berth penned ninja arlington gps
geographically guerrilla assistants cyber vectors orbits cant viaduct heats newark unification aide
collaborators logline bal boycott hears directive economies olga convex enjoying unemployed pulls rhythmic
understands conscience folding seminal ceded clone canonical combustion piper browns priorities ambush
waterway abuses projecting petrol waterfront bologna elvis improves lbs payload rodney mutually lowe
morphology fencing dove eliza analysts impaired assign becker wolfgang lucia clues seldom galway trailing
steamer bowie handsome theorist bravery belly proponent intervene ais airways philharmonic melodic remarkably
kinda dev gradient owens reinforce romeo plaster resolving azerbaijani benedict accord masonry earthquakes
evan crimson quintet underside syndicate severity thornton nagar churchyard confuse drv catcher disguise mao
reservations ankle saturn stud convened expulsion ipa initials newcomers southbound warrants winding chasing
marijuana memorials bundle broadcasters endowed fibers energetic instability radial porto headings terminals
comparatively famine republished gloucester mailing twinkle wrongly simplest disrupted embraced exploited
informing injuring jade disturbance shin surge salvage indicators precinct aesthetics diocesan malik
overseeing battleship wharf inlet analyzing abdomen obsession pilgrims lantern strokes grapes entrances ditch
shades startup simpsons formulated relieve commentaries taipei wikitext archaeologists manuals det rematch
hearings ware raped anita buffer amounted cruisers mia sim dangers ego prosecutors fry anarchist gujarat
divers marcos rests baxter stranded interception din copyediting crossroads repeats wilkinson honduras grains
tile pre sikh gesture gem ottomans sandwich investing keyboardist valves rendition textiles auspices bounds
generators libel informally zombie freezing dodgers lester boulder socking genealogy revoked assure herd
learnt baton reggae lied salisbury justices climax anthropologist kaiser elephants lobbying pasted samurai
inviting regency besieged conceded discourage deprecated rainy dolls ric daylight indicative facilitated
multiplayer doubtful mona distributing tactic dragged franchises narratives imagesize bluff northbound spears
enclosure gibbs diver forged weighted assemblies ate harmonica diaries shelf chancel incidence munster cinemas
marvin melissa metaphor reelected euros safer swimmers invasive ribs pivotal substitution electors orchestras
buchanan suffice taliban prosperous kicks mutant wooded wired preseason landings lethal twilight affection ign
transverse palestinians antoine universit mantle tying amidst conditioning spamming basilica attends rhine
interacting mag convictions doe outlines awarding recognizable legislator suzuki gavin counseling interpreter
fas emphasizes rover assurance hides starr recycling authenticity odi brent liable marketplace monarchs
duplication grab disagrees fertility nigel evolving styling laos disciplinary serbs flynn communion nichols
disregard dumb deacon norris eduardo clement debating hilton assam temperate lively canopy zurich holden
marian directorial inspiring orchard tango basil conveyed fiddle banners amnesty buzz pixels coordinating
greenland abruptly deborah insisting celebrates fest roadway dolphins scientology tablets ornamental worm
implication organising psychiatrist crosby ducks emerges harding magician scandinavian namibia centro
middlesex forge curry capsule cottages undercover reliance graphical encompassing canoe pubs depressed vaughan
ambient farmhouse lamps paolo stylistic uploads cooperate optimization puzzles dorset remastered gran gut
waterloo registers pact lip hai citadel pants isil helm cooke inverse loser foreword garland divides marcel
angus rahman appendix darling normandy cart advisors bandwidth feudal subgroup mediator sensory benefited
faculties biz hbo qualifiers christchurch eli token soci insertion sutherland donovan worms nielsen piers kang
queer tara ghits gustav electromagnetic evi ahl emirates monograph timely fortunes blogger honourable playback
connector weir epa titans heroine hints butterflies emerson shortest trimmed graffiti compliant strains
peacock honoring leopold disambig leak rink forwards leonardo tor teddy emotionally precedence caretaker
natalie cheng domination weiss lafayette erotic peggy stellar comedic bavarian conquer vandalized acquisitions
num pumps ants blowing hubbard ignorant drastically electrified sparse ineffective owning rhythms slaughter
conserved heck provoked wonders jailed sermon erupted gravitational codex communicating inventions punt
radioactive spines populous levi uncopyrighted aux ballads quantitative backdrop scarlet barrister kitty towed
dvds imam instructors cms drained tops insignificant zoom destined initiation induce reformation approx
differed mysteries polytechnic supplemented moody consulate ensures washing darren inevitably hague torah
cyclists worries automobiles amenities nicaragua asleep jacksonville rumours indications lemon lagos isp
purported turbo flanders lahore slowed compensate saloon musicals offenders sunderland certainty professorship
deserted bowls imminent navigational journeys denies systematically wimbledon ria lending bahrain pulp
obsessed interceptions coaster mythical yellowish proportions implicated concealed stripe spies algebraic
vertex samoa osaka operatic detector mock stafford brewer lil tentative centralized possessing dcc examines
flores dante reginald blatantly engagements andhra curtain ass pigsonthewing somali blps rewards hindus oxide
lim mls sediments programmed alleging consonant lips foreseeable shawn hazardous longitudinal purge insistence
leningrad linebacker transcript nas gao kenyan barney dictatorship micro wikisource diverted underworld vie
accountant sampled freeze mythological physiological greens packet museo guam impressions scarce neglect
negotiating riaa halloween upward docks stalking toes exaggerated prototypes hector beirut coasts coconut
deprived tramway practised abnormal evenings excerpt firearm distributions compatibility dependence disappears
emmanuel presses compares cows northernmost aol jakarta lattice cid doubling mercer usernames ling tricky
blackburn mixes scar geo interiors bmw unconstitutional mercedes jonas biennial contamination laurence coll
dong gangs miner zinc colts predominant adolf coventry betrayed beatrice southernmost staple dukes dundee lam
destroys caliber exposing mounts overwhelmingly constructions pitches gong relocate havana gal dillon brig
mccartney alloy magnus harlem tandem chased polished axle specialising camden zen contender adjustment
interfaces lend ole turbines dictionaries pngff docs hungry entrepreneurship paradigm karate complementary
nchez nicholson raided bunker chromosome remnant landslide vain nail lyons islanders icc savannah jewel mayer
tires absorb schedules ska xico envoy surnames berger charming digest horace suppliers cemeteries carriages
goa outing prohibit watkins prop bec sparks storytelling voyages admissions spotlight cylinders swap
scheduling sellers forecast connectivity googling pauline vertically hanna mortal edison greenhouse
bangladeshi deteriorated itis carlisle honolulu humid intensified gil conspicuous copyedit cocaine ceylon
fishes expo ffe spellings abd landowners karachi verde recommends gatherings policing prosecuted ensembles
quota equestrian pork textual groundbreaking mackay apples attic beetles diagonal dial daddy colliery
liberated interpreting integrating bloc polymer forks cannons sedan receivers unwanted protagonists graveyard
loc pixel spinal bombed overs quiz weekdays annexation bel burlington treasures commended ich repealed
segregation clown foothills faults spontaneous dal excerpts oracle caldwell easiest limitation shootout
brennan sins derbyshire shoreline avoids admitting capacities homepage grading hobart neville webs manipulate
slots sack shaping restart jessie needle academies confessed autism ghetto blonde enforcing algerian townsend
ios youths transmit tuning chimney subst petals prasad ransom adulthood banjo ella vastly mali cavity landlord
scripture glider catering turtles deficiency ecosystems succeeds kyoto evasion neighbour sociologist sheridan
ravi basics frogs sonny ignores phrasing contaminated hanover cooler norse cruft accumulation cascade delist
sexes bronx frustrating metabolism bihar torch rejecting prepares cigarette envelope cas chandra cared
detrimental exceeds teatro augmented reversion explorers organizes exploits dissent frontman differentiation
archie emperors klaus mystical pretending stiff lydia gro sal distortion skate incentive queries sermons iec
unionist censored burgess gubernatorial theresa posing mystic demographics elias infrared mclean mourning
skier temp biomedical pod arched engages avenues ballroom marty colonization listener balcony jules migrant
ser fielded semantic strangers lan vega martyrs spectral wicked benny engraving accuses enlightenment
belarusian commando fig modernization quicker nutrients arithmetic sql inadvertently invaders negotiation prev
merry dictator usercategory stoke celestial liang understandable sediment authorization diffusion musically
laughing advertise averages trams analogue metadata multinational mets symphonic sega goose psychic iss
juniors institut terminate safari toby rotary hutchinson govern aspiring perceive installing cyrus barony bei
dalton transports synth tightly pathology laundry inverted prompt weaving deposition gaa skinner ambitions
compiler dayton obstacle envisioned localized als staffed parental timor faa mal distorted peel elaine servlet
zambia gloucestershire liam deception foreman reg choi sperm inhabit textcolor invade persia renew oblique
weighs motorcycles implicit progressively newbie sprinter tsar humidity pedal warmer spd cinematic leiden
disliked vows fonts boyle flux exhibiting familia override heiress olivier medicinal baptized hicks narrower
wyatt shelley eine lok igor geograph nes bon administratively ironic rehearsal paradox reset narration smash
everett wwf bentley unambiguous reconcile songwriters xiii compass convergence chant notwithstanding kiev
construed multitude saturdays inexperienced boiling monaco bids collided putnam beverage amusing doris cornish
classify petit imagined wavelength relativity pertinent rewriting yep commemoration printers blackwell
davenport livingston mausoleum ration worded blew strauss bureaucracy utilizes vivid hubert mainline netflix
travellers reformer sanitation saddle shipbuilding usefulness punjabi thieves distinctly scenery oswald
evergreen hazards purity turnover spirituality manners albion cutter dwight insurgents fragile unbeaten ver
indicted nate allah veronica surgeons archibald affirmed fairness persisted redlinks xiv burials traps
occupations osborne medina devote uneven constance salaries elm reputed furnace nathaniel animalia classmate
thy vijay liturgical anticipation flattened bonnie dexter altitudes halo wan mansfield masked muse monkeys
longstanding nesting fins nickel stabbed ensued legislators oppression provost surrounds amalgamation
microphone morale crossings claudia invading simulcast gangster moniker societal compartment reigned
superiority adaptive niger arbitrator morales cha pets kinetic modular outdoors adobe timed turin assaulted
disadvantage alderman levine uttar functioned emigration snyder articulated xiao potatoes mongolian vince
friedman prelude gupta suzanne packs stanton apartheid limb vita transitions slipped hats isis priesthood
dominic contradictory lore remembering alternately chestnut clifton colon bowen remembers frankie genetically
alps salesman inherit milano enslaved occupants plagued squads bauer proliferation proprietor topical
certifications mayoral specifies tendencies mez louisa blows wandering seventy amelia cfl humphrey forrest
contrasting perpendicular pricing archiving wiltshire confidential restrictive fwiw greenwich cain estuary
professions covenant hunted paddy pamela moor alexis mozambique strengths ipswich diagrams russ ala bella beg
relaxed framing knighted papa condensed hern vanguard middleton aces decimal reprised tudor implements
aristocratic depart organise tsn brownish deploy evade keller sublevel dunes immortal meridian sheila vitamin
economists kramer projections moldova marxist totaling sliding delight baptism consuming expands carving
notions marilyn attackers expenditure oversees falcons handicap miracles tong abusing incompatible topology
trent nolan colombo undelete fulton irwin propagation capitalization wii terribly nomenclature testify
galaxies sexy punish titan carrie lieu hercules animator plumage umpire milo rossi gently outlaw kyiv reworked
mainlevel correcting dice hygiene efficacy geoff wien commissioning counselor experimentation attendant
infolevel tastes unhelpful orient vengeance ingredient eaton fictitious gallagher amend birch flotilla
perpetual dickinson ndp pietro hanson bakery prostitute prophecy aquarium damascus novella ter activate mas
bored brock invoked instagram spray barrow mae filmmaking morse bing overseen meredith blah stereotypes alba
wrap concord urine nora royals gum hostages syed clade sleeper rugged stimulus fused jargon ferries truman
designations whales prevailed til culinary walled welch poses scared spaced flyers acknowledging neo
memorandum fyi scanning tanker macau librarians lowering pushes realization rupert chesapeake examiner broncos
lorraine nets orphanage rubbish conjecture thematic pumping gigs maltese downward telecom wildcats acquainted
nile outspoken irvine spear unpleasant javier coefficient concessions danced edible computation fuels grange
superb psychedelic reflective starters lac infancy knocking domingo advising manufactures hurdles handy tuned
moran integers luigi weed josephine reuters uncontroversial ventilation screaming huntington progresses vishnu
eclectic limerick metropolis sai dept fortification showcased sans blanche cynthia hid axes regeneration
stricken dns clive seizure shower angered tow coefficients experimented phillies bliss shrubs listened
revisited confesses isa colloquially woodlands busiest iphone believers contradiction stables clutter
annotated traveller emil stony lea preached futures sights essayist thou cdc fireworks hinduism johannesburg
aba foreground assigns coronavirus gan engraver lever mccoy lowell mara subcommittee prologue reacted
sheltered supplementary gus sacrifices guarded migrate noir zoe amassed armenians bogus newscast regulars
directs oman qid barbados plaintiff administer farrell smuggling brendan idiot resonance bern piracy
apologized enwiki marathi repeal distinctions uncited foley cumulative taller protector snap anti consonants
guardians overwhelmed fancruft gypsy hasan anal configurations protesting follower erroneous brittany declines
divinity lining illuminated ina symmetric siberia diplomats mongol stirling partisans sanchez lionel valuation
enrique utter chords modernist guarantees perez amir brains preferring vanessa journalistic anand mole legit
breakup mushroom anders nord dartmouth vida clerks pins severed acquaintance robbins unpaid binds grenade
motions calculating recounts routed readership bucket hussein shankar sims reel injunction policemen
topographic clicked laurie footsteps broadband niagara widowed alsoreferencesexternal ars fortunately oils
ville rwanda gloves pid penal tulsa knots parcel ans aston clocks reused sticking abide cody positioning
modelled cis sac longevity fines senegal energies inflicted nut soc mandolin outgoing confederacy regulating
shear houghton predator casualty labeling stunning untrue advises runoff vested wakes bidding arranging
brightness fashionable moreno incentives bunny sting intercept lois bisexual npr scaled shocking skeletal
donnell hack improvised battling petitioned broker jewellery snout contacting prescription robotic cyril
resembled faq avery economical potent superficial vendor alliances cute shotgun hated genealogical pencil
untitled distributors sul coke kathy ventral borneo historiography satan tractor wondered disclaimer undermine
ratios soundtracks versatile aise romero samantha contrasts principality knives acad oxidation howell shortcut
stalled censor rpg yearbook usgs cigarettes dank sabotage willy capitalized heal abbreviations martins
trenches bner repression cobb rotterdam dormant pueblo dgg tolerate whistle coating libertarian quad reworded
killers lincolnshire suspicions adjustments evenly procurement pmid pony sinister toe apprenticeship msc tick
ordination crab modifying royalist scream drowning storylines venom thor vibrant gymnast gertrude mcmahon ros
excel hoover overturn connell welcoming abel devotees forcibly vineyard calculus barr malls nominally
specifics renault atkinson ponce caucasus chalk hind seperate wrist middleweight mined nio bowled philips baku
incapable panther protestants heidelberg robbie gallantry desperately courier reuse clinched contracting mari
raleigh supervising occurrences medications faber joints excitement rodgers defect rhyme crafted woodward
genoa tutorial thriving swami briggs bald foundry catchment palazzo stakeholders paso rajasthan bureaucrats
prefect adherents reddy continuum intricate laden originals abbr drone pascal perceptions aviator gram
incidental zoology skies parted turnpike unbiased tucson remembrance accompaniment mughal presumption sails
accolades faded belts clauses ramsey vicious transforms conversions readiness fracture kuala starblind ethel
vent redemption improperly manifest penetration fronts berkshire lungs antiquities mosques rift bravo
ostensibly buckley congestion rallies unprotected uni pointer replication sleepers kara thanksgiving zum
jumper sax booking buffy burger seaside shirts spheres novelty sentiments conductors phosphate mendoza
nationalities annoyed serpent mercenaries betrayal glacial bowman commodity sighted comedies pam graded
biochemistry matrices prohibits cyclones pause syllables abs caravan countdown dialogues homicide medicines
piston transformations cleaner enjoyable velvet contempt quaker fishery drastic shortages disrupting
identifiable waltz nen goldberg crusaders simone wakefield spaniards eddy liking sewage convict coats rotor
expeditionary scare curling lobes megan yen rss compile rainforest shouting wills okinawa vaguely godfrey
subgenus enhancing doses rower universidad dye algae trophies dashboard hospitalized fisherman motivations
synthesized intervened intersections libyan nan sas withstand amos sincere poisoned recycled opined excludes
contrasted andersen atl gonzalez alejandro weddings synonyms nonfiction exodus munitions hussain rotated truce
outward bikes misses redlink fanny kilkenny ramos managerial refinery coil antony dcdcdc balancing
instructional fra sniper copa lara turmoil encompass stature greeted adolescent residues alain ropes regulator
avengers dresses impending suites duplicated glorious afb frontal stout taxonomic cabaret felipe tobago trolls
bestseller symbolism booked doesnt postmaster perfection adler attacker honesty banquet orphans tracts
consultants tornadoes viceroy bombings battleships herring tripod tildes playboy thence admiration superstar
intrinsic scripted compute descends rosario successively barnstar faulty goats ritchie executions headers
cornelius mitch serb katz wen fabricated altering symmetrical timetable cracks hail tuberculosis lama pity
harvesting impulse cobra feng ashton heavenly tattoo anthologies collateral unlawful climbs dll explosions
barnett emphasizing manipulated caliph barangay badges packers northumberland cheating accelerate skins
conical sioux empowerment fumble saxony boasts cromwell asa restricting astronauts dreaming invitational
superfamily blacklist mcc permissions eisenhower coupling gerry glucose reversal ale mckay cecilia patel
beaumont abandoning discretionary witches formulas branched implementations someday squash denise guinness
taxon resigning takeoff joanna knot ridden firefighters consoles betting southward balkans cindy lenin
lucrative faint whichever congregational purdue vulnerability demoted italic recaptured respondents hui
capitalist duplicates barlow depended erin rotate bully chung krak pavn vogue mauritius shrines reeves hst
ascending irony kingbotk prc warship foil avg balkan jar malawi byu mold matilda hourly plotarea rightly
liberties robotics formidable ruiz waterways naive opt manifold contraction floral omission pickup descend
torpedoes wikilinks nasal mates raphael purse rothschild commemorates nchen pounder ioc reservoirs comedians
predictable graphist bartlett hilly breton abe rubin uzbekistan gotta sequels thoughtful lal julio oops
odyssey relist forerunner vanderbilt hrs breathe endured awakening rods multi yuri correlated plato toxicity
como gridcolor slab nfc granada daly finalized iteration goaltender poole knees assemble grassland
archeological bey freak worthless allowance unconventional baths chittagong detainees redesign juliet keel
dolphin ccc daring dmy beforehand boroughs ejected sensing storing enhancement idle tat rutgers vicente
injustice motorsport pockets scattering ensign harmonic ariel basins locke judo harassed walnut merges
consolidate fucking restarted bouts danube paramilitary sergio federally babylon pearce grams lid navigator
identifier mornings terminating transmissions prostitutes reorganisation whitesmoke mohan chaotic boarded
guerrero harassing buys incurred truncated tipperary goldman undone castillo luftwaffe notifications octagonal
poe hugely melt penis slalom unsupported finch oddly downhill malone mustered vigorous acknowledges pediatric
classifications nowiki lifts technicians pensions paz costing veto deserved registering provocative
originality uninhabited nic hara reopen constituents topography commodities signalling unto consultancy
filmography neuroscience darkgrey mikhail wilmington classed derogatory lays outscored belmont bremen delle
dyer postdoctoral rationales empires transitioned mathematicians olympian abducted medallist tico bahamas
dynasties freddie timestamp mont abandonment offending chr och criticize mentoring detectives fulfilling
aliases hampered kilometre macarthur verbatim cdu encyclopedias dispatch soda romney moths privy bali baseman
diversion freud woven pilgrim transcribed haul subsidies halftime phased tha butt oneself vineyards dai stray
aspirations cookie geared sortbottom strained artery typed stadiums contradict cosmetic novice atlantis
radically serviced pest arid mediated doctrines interrogation yiddish cater palaces westbound brenda elbow
clubhouse jasper feeder verge aisle ish walters coma discounted ghanaian fairfax kin anonymously meme ulrich
oasis fools courtney tempted ras hillside hangs presenters colourful thinkers ambrose pictorial shu compassion
offenses optics unnecessarily glaciers hostel theirs sentencing unauthorized nica distinguishes traveler
captions flees feather fabricius uruguayan copyrights jewels mckenzie shafts atheist morphological sunni
timeaxis fatigue amtrak singled pronouns dumped reigns realms bhutan quran pune resurrected circulating prima
erroneously pigeon packaged beverages bundesliga hodges neon lsu outsider ethan leopard incarcerated sculpted
lars roc cautious champagne accordion herbs maneuver pairing differentiated harvested poured spared spire
arbor debuting chiang racehorse stall sheldon tumors vanished eastbound clad fluids distracted outpost sire
clutch coinage harrington michele alicia shan blackish subcats sociological swansea barge ilys runaway
murdering permitting schuster derry gomez wetland kelley parasite cullen stokes atari experimenting masonic
horton staffordshire multiply folder transformers lesions emerald hazel nogallery concentrating spacing ngos
harley hulk metabolic obey dissolve shale kendall estimation liberia pseudoscience stimulate decks rabbis
fascism townland traverse virtues cypriot gardening kan skaters facilitating echoes excelled bacterium
comrades designate retreating aero avail dude doorway affluent educating moderated cornerstone regimes
bernstein richie accomplishment intervening operative porcelain browsing refurbishment punitive breadth
replacements branching hydroelectric lola mop trailers ups gratitude alteration deportation hayden steiner
persist researches djs outfielder aperture widened favorites atrocities trillion apologise encore stimuli
foliage dart nails mandir battleground gwen spp handing muddy laurent ginger microwave safesubst controllers
surveying earnest pun redundancy realities nested vapor ucoz despair familiarity cos bohemian befriended
ornate inflammation dealings damon prodded putin crust kite dominating mol arbitrarily elaborated imitation
dietary sour backbone cartridges rig toilets chevrolet feasibility hyphen outrage husbands dialog covert
protections duffy privileged sickness yin penultimate yeast tanner factually paterson hamlets franciscan shia
yankee juveniles selectively supremacy bohemia eroded fatally grassroots pornographic thee laguna auditioned
kilometer plotdata petitions eats iucn bicycles lookout spiegel steelers manpower penguins sherwood obe ortiz
trajectory goodwin astronomers gadget affiliations winged sic nsf multiplication shea artefacts scam
aggressively pursuits wiped maharaja artifact pinging whereabouts fist mono sci spectator zion mcfarland
realises idf paints volcanoes fuse greetings cortex heels respectfully rotten characterize leftist charters
duly ames ara cookies gems unix unseen trainers surfing leinster vascular casts sibling visuals abbas
encryption oceanic psi signifies deletes marches pursuant abdominal disable groom mixer spice audrey nikki
prohibiting fraudulent keynote marshes conglomerate millionaire potassium copyvios belize knighthood aristotle
bordeaux unilaterally beautifully backstage coded reopening evacuate bjp hedge wigan guise jiang kat moose
shattered gunfire brunei analytics carmel pentagon creed bubbles xvi strata rodeo busch choreographed lure
accents brace mer offender rosenberg stresses canary ismail spurs vila barrage mans bruins schooner postage
enraged olympia fairs assaults boone moderator maths neutron simulated accessing ode upstairs torre
influencing relaunched slater cabins magistrates pops slain hauled categorised wasp ava marino tis apocalypse
shooters festivities horseback kindness ascension foam vibration frigates fade argent plainly sears larsen
packing initiating rip gardener vampires pri tolerated gina newborn chrysler flashback maze mfa patrolled
rusty upgrading scriptures ascended burnett noticing disposition locker prelate sap variance deviation rowe
catalonia testrange valerie cellar perpetrators semiconductor swear auditor panzer scandinavia chatham
chloride qin ambushed trusts lao alonso collier haitian reefs drying locking nih presley fascinated rus
populace amateurs bodyguard guarding hernandez revise wilde miriam subunit biotechnology boilers deepest
pneumonia undesirable lifespan hoc lia rodrigo judgments horizontally applicant eighty supplements benton
specifying turbulent fabrication adorned executing jaime mergers nad totaled chapels ngc stimulation peck
debuts olsen joker dire eliot nico paranormal poultry proton aiding epithet hatnote temper appliances palermo
scrub spurious confess extracts batters mister orion mammal cues snail standpoint inexpensive believer
commence fuzzy dummy fatty vivian merlin paraphrase exemplary screenings cod quay residue hash rediscovered
verdi saul transplant registrar debbie spelt brill assyrian sticky backlash weaknesses auditions rushes
clarifying intermittent drunken amour indictment kappa nerves photobucket transcripts breakout oro derivation
rum synthesizers fills jacqueline simplify jackets alexandre trumpeter sammy valle serialized calder spreads
externally expressive puppetry zeller stipulated marguerite disposed mustafa nuclei revolver adapting desmond
borrowing observes pepsi rbis synopsis burrows decomposition liturgy rajshahi tna nationale txt tam entropy
outputs outsiders coincidentally levin polly sawyer exhaustive labourers byrd forgiveness sulfur dramatist
instituto oboe sharpe dagger invariably ins jaguar penetrate phelps compton ditto uci accountable zheng kaplan
scaling supervisors appellate injected philanthropic slides nicola recession alerted samsung welterweight
bounty mesh validation deserving dodd boiled gnu frescoes hamas recounted illnesses rancho garment hooker cbe
prematurely neurological biennale elects furnished phumi programmers byte panchayat specialize alleviate
blacksmith bureaucratic plotting ama rant explanatory scans impress rae olson pistols galileo shout immature
migratory epoch orchards viva mie curb princely climates connie gel messy intercity dynamo hangar renders cass
avalanche toss bland impartial waist gar rescues gentry anchorage cerebral colloquial passports loneos
steamship billionaire confessions eras publicized citrus mabel gearbox leroy cho meteorological pamphlets
replying lange topping avec estranged nero ufo scientifically cruelty repertory vez sloan clashed cummings
pharaoh litter destubbed kissing transmitting cosmos unfounded tabs whiskey meg airplanes secretaries brasil
anchors logically borrow distracting stra dormitory crushing nissan pronounce sumatra phyllis pinned rect
bonding tao albuquerque pollen primaries barrio footprint ffd ifexist yielding bernie mirza theorists
catastrophic moe diversified fang mildly optimistic crashing dissemination downfall coated rappers vaudeville
inhibit bai dip expire swallow intern uniformly monde salle yates shropshire lauded naomi secrecy tug
inhibition reno enthusiast melanie detecting err simulations maximize buds carla inmate potomac susquehanna
comfortably ramon sufi wpspam nope bsc kemp outset spill disused independents strive mclaren emir bucks
seismic selector pulitzer rana blanco flipped dioceses magna overland tracing aristocracy plaintiffs bearer
guyana mounds carlson dickson motel launcher holloway muscular crisp thatcher ramsay sporadic gregg camel ffeb
griffiths stalls neighbourhoods weakening magnum republics workings barring quarantine reactors translators
islander carolyn encompassed photon cantata pots veil mutiny trustworthy disks hillary therein alec insider
marianne showcases fibre dharma endeavor adoptive learners postcode tendentious blaze scary electrification
pba endings issn internship noeditsection fore inclination mandates sportsman creditors gunner joachim
reassessment tehsil carvings laborers forefront ghz smackdown tweaked excessively khmer fueled shiny tedious
wally vandalizing dungeon mimic risky recommending rumored nia stuffed liter campo char tolkien analytic
northampton degraded raaf rudolph emitted lucius forehead pius redir sorrow embarrassing porsche sarajevo
arrogant viktor coe avoidance hates avatar computed stephenson civilizations bounce bog renumbered congresses
interned rutherford boating bookstore breuning clair compendium retracted commits intuitive acidic rivalries
reeve crowley circumstance mes roundabout pow beads jesuits behavioural omit pawn kunst ruthless ost regents
booker linestring eileen flyer segregated singaporean bandits mcgill proofs rie sonia heroin lena clockwise
replicate costello mentality alsoreferences stallion captives interwiki rgen malaria adherence wildly
orchestrated owls showcasing wreckage baronetcy marginally maternity parisian baseline bahadur univ michaels
impoverished cle gardiner lodged revisit rosen alfredo bathing luca dentist rack wizards nomadic rhodesia
unresolved elk lakshmi seaman abstraction hacker vip savoy alvin reunite cardiovascular drummond lakers hers
losers centrally deliveries filtering chloe finely ucl weasel ari donkey baird winger forster maxim contesting
downloadable filly parrot perished dixie tiffany heel tubular anytime botswana grasses hormone negligible
sockmaster reactive dicdef meritorious upside frac contend serials favorably disturbances rowland creeks conan
alphabetically residual tasmanian tyrone esq fugitive skipper confinement witchcraft chevalier fullback neue
bait frequented melville sparsely brighter commonplace marjorie primetime sdf zeus semantics entertain rumor
stat remade checklist cruising kensington communicated investigates garfield expansions zionist coupe
ratification salzburg malaya blackpool baked commuted marseille resurgence shelby blended completes salts
slice choirs curvature neptune swiftly promoters norte solos groves partnering escalated nicknames samson
unsafe whaling hutton mediate relocating persecuted ceasefire merrill braun clerical dora ajax expects
buckingham scorers zach manifestation transient tobias sahara toulouse afforded entrants iata simulate revered
defamation enhances advisers brfa dependency vargas bol rubble socialists correctional agrarian commencing
apostle convoys rebellious surpassing warwickshire shrimp dracula flock breached expenditures junta cathy
shipments picturesque streamed carver propelled interspersed onion pac volatile cores larson dewey referees
sidebar bloomberg hewitt nassau otis inaccessible attaining phylogenetic toni amplitude nana pasture rosemary
turrets willard alot fellowships midfield peacefully sergei unitary winery laughter mead therapist collapses
straits configured hardest catchy squirrel unremarkable clarkson cher robbed strawberry bonn rani cartel
groundwater waterford violently adjutant rockefeller fiat rosie symphonies fiona spices beers jude lobbied
munro leaflets playhouse riga stainless viz geelong barack bluegrass businesswoman cooled dilemma patton
brethren salute jealousy subdistrict haynes invasions royalties secession delighted privateer fernandez
strasbourg anc orbiting sparrow sway quarterfinal hume lai graf hertfordshire obituaries rufus widening theo
bequeathed mccain harness mei babu knoxville streetcar facilitates tyson redeveloped morrow continual defected
ours jhtml kung bundled amplifier wesleyan gears kabul hectare jeremiah revolutionaries tonga tsunami
adjectives gail guthrie praises humane deterioration papacy monographs teaser sseldorf smoothly collingwood
spurred utrecht distillery ffbbbb slept afaik cleric sha cabal goldsmith unexplained cretaceous liar premiers
bodily charlton equivalents parodies postings roe tunisian worshipped tau apostles evicted thicker accumulate
adolescents ascribed lordship oven cured heinz tory deutschen sequencing vegetarian candle preschool expressly
glover perpetrator contradicts monsoon rabbits revelations scandals archery barnard sigh suspend burt
corresponded appropriations frivolous kidd fences evangelist guo powerhouse gamble outrageous flanks mollusca
transclusions acquires grabbed richter supplemental rafvr stab neutrally reintroduced antibodies bison turkic
crore headlined radios palms shipment tyre reclaimed uphold explode lambda mariners gallons housemates schema
denny implausible kisses invertebrates huh skyscraper ethanol henchman cocktail discredit crimea ceilings
beckett convicts devout upbringing lulu beak mein favors posture allotted egyptians lon hmmm foolish thorn
groupstyle periphery tes schultz stricter quincy akbar browning props photons salvaged edged gin slovene
crises franks huggle solvent reinforcement implicitly locating dunedin pluto idols anxious hooked diaz
childless mongols enroll mapsize narod fundraiser principals wounding tyres atkins routines modernized
directories sweat coloration hires magnate poisonous proficiency titus warehouses messaging thrive thom musik
sizable nair ciudad syn whig dowager fidelity kickoff battled begs defiance dissatisfied esoteric notifying
zombies coitoolbot blanc coloring phonetic rot starvation kicker peach mammalian regulates revolving
contiguous piped woo habsburg restraint americana rudy tilt avon esa pcs maud swamps vaccines billions canons
router swinging henrietta rampant improvisation montr cairns radicals anticipate infinitely summed blossom
durable governorate rust headwaters pulpit reckless retrieval helium dickens contenders ernie fractured wilder
halves sasha preach sabbath spikes sequential specialization oclc axel delisted unilateral extremist invariant
domestically indy psychologists customized tomato wary reclassified slightest reductions claws mcintyre
validated vivo mic depleted edo enjoyment breeders fairfield lumpur darts weakly hayward pronoun livelihood
multicultural parry premi waterfalls snooker erased appointing decca ora stemming hartley cookbook orioles
vassal sawmill mata bianca sneak literate goodwill rescuing cochrane fia ding sculptors mor creole charcoal
poorer exiting navboxes tore combo pereira baptised rhymes matthias standardization breakaway hari weaponry
wedge deutschland galactic lad pavement sami tents statehood equatorial gui lau lizards wichita astrology
polled linden mitigate tolerant importing flavour metrics guerra marital verifying cappella chunk
intercollegiate musa assassinate maize spearheaded vocalists pills selects speculate unverified consecration
musica cruises socket whereupon cursory windmill abby junctions odessa laude mca claus heroism bra everton
jaws nwa tomatoes luggage comp cyclic disappearing billing israelis giorgio mandal piloted arenas marta barons
shen gmt guido fleets corey enriched gnews budgets curly rectory schumacher irrespective plastics eternity
indices mobilization biases cracked doomed caracas bosses ola fresco bites muller corridors flu rhetorical
signage soloists bas bulb adjusting hilda sylvester tailor tides bending categorizing transliteration pennant
minh gaga hottest outnumbered trolley assassins imperative intercourse pads pressured politely ramps aiv
lwcoibot reasoned financier jurisprudence newscasts hybrids nepali dumping disadvantaged freedoms alessandro
danielle emancipation recreating shapiro empowered constrained awake distraction hypotheses inductee
variability bullshit dictated handel homogeneous tangent visionary hierarchical sired noaa snowfall serum apt
lepidoptera wanderers seo batter maneuvers fabrics piazza shutdown daytona gigantic titanic misguided
christoph nsa nonsensical glow steamed embassies fragmented hesitate lifeboat usher vase devoid koreans
lillian midi mckinley ornaments kinase lavish scarborough gee misery misspelling exemplified katrina imperfect
sewer objectively irs cheek czechoslovak baggage coarse goodness jared asphalt medial charismatic microscopic
staunch crypt demonstrators temperament trainee administrations supervisory tica brandt kilograms corona elmer
flaw mist parasites chickens adopts terraces ubiquitous closures embodied vilnius abrams impairment praying
sudanese maclean splendid ignition rehearsals roche steer everest sms impetus johanna maison alf brandenburg
thumbnail chill wilkins elastic lyrically palette hinted physicists anatomical cancers inferred rttemberg
ballistic boxers freddy oldham kahn cones biting reversing pasadena closet hacking rebirth cassidy divisive
proxies rub theologians cognition intersecting necklace entertained nutritional triggers cheer dynamite
inflated reese wrath cries horizons kapoor mercantile nowrapitems bridget stigma expansive strategically
sampson trance incompetent bethlehem recital barra restrained immensely violins pines absorbing bose brewers
ousted inhabits skirt intersect craftsmen mortimer nokia glossary manson yeshiva ardent nikolai roi servicing
tailored widows noisy booster naturalized qualitative wrestled spartans heightened shootings chick
inspirational yao almanac diner memo sweeney lush irrational spartan jai reclaim champ northwards dolly
loyalist plight antioch diffuse grossing convection fascination salted goalscorer lexicon proficient
anthropological bourbon pavel atm parades unpredictable dolores mainz netball caledonia chateau stacey
guantanamo nicol undergoes blitz interfering repairing sevens antisemitism hesitant ezra hen langley
regulators sanford equivalence connolly massively alas musique omnibus fide intriguing redistribution damned
humanist cerro rees condemnation parkinson dotted natal nostalgia refit cardboard dod mms storeys cellist
courtroom martian sited ict sacrificed breeze flair marquess prism scholastic cultura galloway parked jing
illumination mundo ballard arg bitch blending guitarists sustaining engravings garments basing lund weaken
prank traumatic aground flavors stir brutality persistence argentinian spree rec thirds overture peterborough
stepfather terminates doubleday monmouth statistic insulation plaques mileage mysore tnt sherlock benches
illicit resultant phoebe assigning taped yorker chicks baroness fortunate sindh priced onstage norwood encodes
picasso summits underwood corbett gag karma mortally nach refuted fife pak weimar alerts predicting gecko
illustrious pastures confederates remodeled seine goldstein rave sheds endeavour await crete hurry cafeteria
expiration maestro benefactor clones superiors philanthropy schoolhouse hopper sta eot labrador glove
bandleader hilarious wellness webber sarcastic heaviest gunpowder banished armistice corpses ported ecumenical
notch stringent amin muir statistically spruce cantonese parma edna stefano stimulated grandmaster panoramic
unimportant ebay screenshots supermarkets cyrillic petersen arr permissible fountains stratford frederic jes
recalling scaleminor equator wrongdoing accessory fallout amar fiba relax vom rallied inference cio caucasian
transmitters cue pianos marin emilio neolithic concede morley leasing reversions simulator yukon manfred
streamlined globalization organiser luxurious melvin mitochondrial raiding dim riff clumsy thorpe worrying mun
cougars knocks seafood yvonne emanuel ryder lame erection nemesis provoke pvt thru welding romanesque arson
cleopatra spence felony vines fireplace leverage wolff cradle vance pleas authoritarian cristina msnbc strands
doherty formative subtitles corrupted zoologist annum lex bernhard cops benchmark townhall likened requiem
impractical triangles championed locus miniatures isolate maroon montenegrin myriad splash teaming exponent
topological unmanned clandestine lobe cambodian commas constraint cursed glossy braking liquids resentment
packets tres unregistered bedrooms environmentally gunn stumbled camille cheryl intercontinental airfields
blaming bourgeois psalm harcourt reacts rescheduled glands grill raul funky gillespie collisions madeleine
oxfordshire spawning endorsing iar standout tiers telegram goddard inspected mcleod restructured gestures
parasitic roadside beyonc boca mentors prakash taft ubuntu disadvantages prophets tad renomination woodstock
albanians dominates raju receipt embankment fremantle hrer irregularities structurally maru gerhard
washingtonpost conceal homme mccormick wee sahib mina snack striped conf rendezvous utilization wwi cedff
disrepair pathogen theatrically blackout uniting sentinel sarawak pedestal overcoming strangely crowns galicia
tex ursula cosmetics immaculate skepticism shady cans elliptical hooper undeveloped brutally darlington lag
generalization leah smartphone whitehead membranes mecca hitchcock greyhound mastery moonlight outlying oyster
vowed abolish premieres pulmonary gadgets fewest mani milestones wentworth arranges comprehension versailles
beasts nickelodeon spores grind hua fender whitman amc kaufman neumann apparel reactivated chieftain
constructs lineman rarity slash fir directional jarvis mediocre stockton ripe dusty nonlinear worcestershire
tariff dane lilly rulings achieves dsc persuasive navajo santana steamboat dominique potd chili endeavors
mobilized rebelled becky unlock owes readability airlift relinquished lindsey persists instinct otherlinks
reluctance exceedingly appalachian bishopric boogie progressing insulted clarendon kidnap balloons hurts
newbies morally tweet baking greeting invent pinnacle traitor bolivian childish kathryn dent ideologies
additive spoon ugandan macintosh biden causal expires vibe ita venerable soluble orthodoxy zoological
percentages plurality ravens antennas barley shrewsbury tian tottenham gibbons allegro superfluous brawl
doping concurrency eta furnishings reprints rotational spectacle artisans dow relaxation escorting jolly
shorten unfit leary disambiguate kangaroo lodges sicilian righteous lace ste majored extras authentication
blizzard primera bump stints ustring minted stalk arrondissement kris ses tal unarmed conclusive retro urges
abrupt ely emery francs apa deficiencies figurative animations eaeaea layered napier novi banknotes waits
nguyen mueller dirk tipped migrating massacres murdoch natasha wight synchronized cmll fluctuations unearthed
messiah symptom asteroids aragon countered discus plum servicemen jfk amphibians collapsing wavelengths
defective inquiries gaston needless raft brochure grinding beech gunmen encountering nocturnal shortcomings
aubrey boutique elites epstein heller breaches khalid dion exercising uhf jess lego leicestershire inventing
mcgee dissatisfaction exponential groupings notebook judah mah larva impeachment mute indoors insulin rowan
tesla undeleted ppp grim disparate lamar octave corrosion helmets contended deter deux chargers inhibitor
crusader grabs maha overdose pics colchester couch voyager ethnicities intimidation swapped grooves
interviewing solids linguists prescott mechanized protectorate craters warlord fungal pleasing bard bblog
imaginative frontline polk unfavorable thoroughbred elevators norma croix planner draining jays breasts
mclaughlin showdown telecast viability asap haley mutants preventive overlook cicero youthful virgil witty
accompanies gladys encyclop aziz kamal backat abigail earns quarries chromosomes footbridge sewing andes
departs spas suck chinatown cub dispersal trousers elector outfits overrun westwood inventors navigable
triggering contradicted headlining myrtle tentatively azure schubert lettering befriends abduction nairobi
nuremberg duff responsive andrei peabody obesity slap excursion poppy qur cary folds forewing halfback huts
positives undoing ccccff harald obscurity badger ral amiga forgetting profiled bankers bypassed isotope
aeronautical interlude jurassic jammu kant mercenary sultanate bless rejoin practising slade vertebrae
dignitaries wealthiest ignacio robson fridays harass isabelle mentored uri odisha yun claw nod unofficially
cantor condemning humboldt peptide arrays napoleonic aerodrome berries englishman pains baseless friars
liberalism memorabilia saturated summarizes finishers definitively savy castile lowlands belowstyle ngel
accommodated mosquito cowan erase guillaume richly lynx cheyenne hermitage infoboximage rye stacked catalytic
pious tito piedmont unsubstantiated frontiers arisen elsa troublesome guangzhou exemplifies uma bargaining
retitled projectile rested cannes leach promulgated summarizing adventurer paranoid baja chefs constants radha
bartholomew chao quartz reciprocal looted penelope sixties fay stunts fordham ima arterial deteriorating dio
melted shepard sui cola flanking interestingly logistical monterey volunteering thanked pedestrians ingram
licences monobook homo draper gundam mcbride favourites noticeably planners julien bayern leases temptation
luc nuevo onboard racers erica mach vendetta hobbs maureen prequel telescopes cactus sinai keepers previews
libre snowy spouses nav collage contextual erich caleb cheung fledgling sanitary mildred greyish
inappropriately params dunbar muster babe cryptic egregious flush macleod interacts nike reconciled bari
dissident pla rory helper lowercase knowles dentistry spoiler hilary soto sponsoring ces okrug intellectually
bullock nottinghamshire stephan rents attire buff pumped waller nightly owe racially spaceship cad dungeons
graeme resin uno embarrassment needles practise roach transatlantic kali converge litt mariana optimized
precedents rudder cit fresno glowing ssr fitzroy therapies cremated reforming scarecrow sikhs henrik obverse
vulgar lawful sentimental aleppo bribery entertainers geocities relic maldives mathematically campaigner
gemini runways accorded inconsistency nyu obstruction heterosexual plotted burr intellect tensor nawab angrily
nie oilers yusuf subcat drumming squire tallinn guerrillas csa echoed macro riddle hendrix coinciding denoting
floats sidings consular footer dismissing legality predatory sparta brewster camouflage conserve defer
grenades inconclusive siberian vans specificity substituting worsened governorship inhibitors opium wingspan
ankara wilcox zhefiry spokane bazaar hype expansionism federico rag embracing misinformation interacted
militias redskins dusk respectful fiesta interchangeable complies counters undisputed walkers bertha
privatization refining sonatas foraging laughs chariot primer zack cin contractual crocodile jakob nea imf
avenge amd heyday tangible suspense fabulous abnormalities jasmine administers brightly writ greenberg
harpsichord octopus villas defends eruptions methane tome freiburg anecdotes harmonies motorized shelton toad
godfather upland calculator cypress hopeless ivanov lasers retract gis sporadically checkpoint eviction sici
escalating mbe multiplied webcomic skulls paler narayan enactment paddle skeletons javelin blockbuster
legislatures lineages csi friar bursts clinch herrera dyke mats insanity maximal necessitated donating ninety
dough hermit slick amherst lua saddam telenovela immersion mcgrath paralympics discoverer subsidy thinner
uncover christensen pulses bala addison grasslands markedly purportedly skirmish blanchard primate seneca
isotopes prot visualization apprenticed hoffmann lei alvarez artificially manipulating barclay conveys seville
fares ffdf gogh lodging massey paige substrates internationale validate approving carthage jordanian currie
fjord sbs vigorously alam alla renounced unnoticed cricketers critiques backyard claudio manifested premio
sadness pointers sloping arias mybrain blessings nec bourne mozilla recapture redirection divert caller
candles disqualification recited lockheed louie elijah evading witnessing elsie geologic recurrent brink
causeway gladstone pharmaceuticals manly cory enrichment ventura waiter airliner ethnically hahn theta lust
substantiate debatable meteor offshoot organisers smells cpi hungarians oliveira childbirth nguy taxpayers
smiling moons distributes telecommunication userpages atoll influenza subsets stormed dissipated sealing
resilience bender endure hess interconnected mushrooms willem bor elf inspectors cor banda dishonest easton
hurley crusades davey conn emulate panda primates spec interpersonal mort begging jpgimage liquidation
misrepresentation sculptural christi contra gospels carleton obligatory gladly outlaws trojan amazed filtered
philology airmen etiquette puff apical hilltop academically hose grady prowess sima distract extremes
modernity hum mathews fram gsub scorpion tyne volkswagen administering enlist intensely signify ipv salad
deceptive inserts arjun downing guernsey softer deformation ece hardship bandit parcels cricketarchive
benedictine paving leben wul manifestations royale strikers verandah alta antibiotics ithaca predates
realising haunting sumo frameworks slogans usda chorale numerals circumvent enquiry kampong shaun
spontaneously bolded louvre podcasts hydro outraged troubling keystone bois gma stabilize bypassing dall
eyewitness greenville jeans mussolini transylvania bono originator daphne pill pigment scent exited farmed
restless competitiveness denison frightened mundane adjustable dashes mins namespaces mango nexus trough wasps
calhoun downed featherweight publicist spectra hastily razed pty councilor ljubljana behest concertos hopeful
invaluable ogden kal tomas boasted emergencies emu partement sheppard mentorship prem categorisation
geographer pinto waivers suns polygon souza costal gop clemson pedagogical een boldly rfcs shaking accelerator
embarrassed squared fuji benevolent tariffs aqueduct acm compensated inorganic regression supervise wat siam
salient scully femme gotham mckenna repulsed constituting fostering handicapped dune tripoli electing muzzle
ballpark bartender chopin linen razor obscured revamped embark oder silla ying devotional keywords optimum
bonuses chico barren fitzpatrick dino snippet pagoda verona bernardo capitalize numeric specialises nel ripped
magnolia disregarded havoc inhibits canning enact flowed sleeves ellie negligence wikilinked breeder
confronting polymers sortable damp eastwards gules sica arb hypothesized crc detectors heinemann leafs vogel
inuit exacerbated truths yunnan wallis atc austrians cracking arcadia counterattack microbiology nueva rewrote
freeing isnt breaststroke likeness worldcat vis canadiens rambling revolutions undermined bia crooked escorts
fiery adi defamatory taluk hurst huskies wipe hoaxes rash gonzales inefficient natalia monty gamer exiles
altarpiece fer drifting acknowledgement auctioned ives refueling pollard bfb sweetheart unproductive gorilla
stealth suggestive unlocked userfied subscriptions boer marius petra fragmentation staples commendation markus
ernesto scoreless explorations janice alzheimer aspen butte disperse majestic voicing interviewer declarations
workload calf nepalese inconsistencies jtwc fundamentals hawthorn fashioned subdued sumner hitter reconstruct
southwards musicologist subsections counterfeit explodes hallmark walkway detonated convertible wonderland
homecoming catalogues cigar discrepancy linkage lar lgbtq outlawed accommodations yerevan overlooks moines
seasoned scrolls condemn diminutive grassy chow diminish ewing seasonally erwin downwards nac bertrand waking
arturo shipwrecks orr viewership dietrich converse corvette insurgency modulation creep distal tending vickers
formalized playwrights swelling athenian totalling hiroshima ordre resisting misspelled schoolteacher
abolitionist signatories techno terence indigo mta grossly forwarded gunnery pods trapping cora vel gilmore
deadliest nonexistent heavens obedience assimilation forbade safeguard westernmost dissenting otago ecoregion
climbers morals olaf raoul haydn huber bismarck milford pens tra pejorative erstwhile fallacy joanne guillermo
inspect fittings grievances maynard typos seekers coroner blvd duets nectar tristan connotations mis overboard
mcpherson atheism guangdong teller analysed jericho pont syndication spit backstroke discriminatory yup
sedimentary benin dupont sable rds screams cfa hesse horsepower detachments microscope motown protracted yeh
souvenir substitutes exploiting subtitle welt bananas belongings defaults axial boise graders utilised thistle
twenties analyse ballast overshadowed sightings alfa shorthand cynical chong mania adventist sabah gabled
gujarati exploding iberian notoriously crystalline highness maxi disagreeing cheltenham culmination editorials
gabrielle ritter nara colbert kern beau instigated zimmerman inactivity islamist maximilian wes clicks
handheld inspections socialite avalon bray chases discontent lix outbreaks appropriated dessert heap
polynomials grupo recognises climatic grudge dhabi shelved sergey decrees deferred heartland lombard edmond
internationals triad audi honorific noms translucent pep transclusion unequal ccf entrenched astros cessation
departmental horseshoe mcguire embryo alcoholism blames checker derelict revista canto traversed valiant vet
futile larkin menace nrl quentin eug unmarked aerodynamic opaque wta piles francesca lcd intermittently supper
som ttingen kaye lockdown sockpuppeteer kor laird reboot elective ire greed patty immortality maori textures
aristocrat arrivals bloomington cabinets entre jang preprocess aggregation bingham sourceforge timeless peng
slippery donaldson cereal cultivate mirrored congratulations indexes magdalena marek sects imp slowing
heraldic nbl portico specialties tbilisi amounting kazakh spawn ashamed regatta overthrown beheaded courageous
selfish palais focussed stoppage loyalists prevail bolster jihad orderly surreal undefined passions innate
untouched motorsports pretext vibrations folio ionic nster profoundly sync flashes pearls craven docking
relentless stereotype syriac aggregator electronically storia bonded lends macon multidisciplinary disapproval
healy minsk replicated quartermaster stevie incarnations wiener entrepreneurial edict fading modernism mustard
seizing vaughn cakes ching effected exhaustion fronted gorman strife czar aura drury sichuan deficient rooftop
trenton hike patterned chunks futuristic hezbollah moat pathogens buckinghamshire subunits diva nga headache
castes ochreous thorne landlords nutrient umm bribes loft plata cranes nell stunned promenade hindered lest
markham pragmatic cebu incarceration observance orthogonal summon soy tombstone grayson overt refine tanaka
insurrection ssp divergence docked horrified legitimately facets priya internacional tanya glimpse crippled
dragging postcard nudity tri benign introductions mori hinder palgrave taxpayer croydon damian alloys baden
drones shaded susanna emigrants honeymoon infer accelerating subtitled vow parenting swam commandos
evaluations frankish forecasts greenish flourish mora catastrophe localization macquarie seniority cur luton
blends adele futsal kov furlongs hodgson talmud vox articleid vicky elle navarro cursor gunshot matriculated
nanjing accustomed conveniently mechanically equitable gettysburg masjid percussionist eucalyptus pardoned
unaffected hasty ferris mansions sucks agitation luzon respecting subcontinent dutton easternmost eco robber
valor burgundy objectionable parochial xfd cloak haas nighttime philosophies stanza buster emailed nai bastard
haifa stepmother torino biplane patriotism playful halle leaks thwarted cura waitress deg serge coyote
disillusioned purification whisky refute cinderella populate astonishing bathurst brody ethnographic penang
toolbar rollins whorls encode orthography sykes hex rihanna casinos headquarter sidelined spacious stacy
millimeters temps thesaurus widest hardships loneliness prosecute clich madam marge boosted consolation
converter harrisburg hagen rolf summons hodge upbeat warp gown decidedly slips jaya ogg dat lax bargain cutler
hitherto modem peanut reconstituted squid anyhow elemental trunks complains dea martyrdom aloud flc looting
measurable nebula delicious pharmacist romani elliptic landfill lyle reborn simplistic arresting acacia austen
crook justifies bumper arcs attributable parity prostate stamped complemented imperialism stubborn undivided
vandalize miscellany misplaced sash separatist stove codified monsieur sober theses adapter obscene venerated
actionable ape ctor fielder jerseys parramatta pitted suitability surmounted professionalism akron flashbacks
npa sala wrought truss serena earle kala mule richer wikinews subsistence derrick heidi pia sinatra smiles
taboo openness gators inversion kurdistan plentiful ent chores chronicler lexical ligand gamers airspace
billie feminists smashed inaccuracies adolescence loyola swedes derailed garry trimming montage schr
unblocking bradshaw sabre baylor robbers ami sensational warmth nearer seizures pretends puzzled snp
discharges garlic hyperbolic rashid unwin minnie nik parishioners pasting philipp postcards utopia forbid
infect perfume makeshift russo blindness bundles launchers lori colder domes elton locale mariano cheat
iconography parliaments discal seconded otter lecturing wiring stabilized fruition torpedoed dictate milky
concourse fps seeming unwarranted cymru floated tee airship mammoth wnba cosmopolitan dysfunction enamel
occult timer gideon microbial noises ethernet hanoi sidewalk antisemitic athena northerly fei messed ness
officiated peacetime afternoons consequent refresh huron rhys texttitle madhya roommate annapolis juventus
medallion rad situ ova calligraphy delegated anomaly undrafted streaks arun drilled googlepages ventured
bedrock rib salazar horne prized schizophrenia electrically miserable rebellions wolverine assimilated
downloading complimented renown bulbs exerted beginners diligence disconnected empower netting jalan subscribe
mondays prefixes cocoa digitized damien overflow toro westport coptic highlanders illustrative subordinates
fencer osprey playlist solemn eurasian boxed temperance decreed tractors dedicate emit guadalupe johnstone
tutelage encrypted exempted ignited mira peat expectancy mifflin barges faust hellenic surprises aggravated
boomerang dur henchmen tearing melancholy sorority wastewater dinamo rodents rfas stabilization swings finer
transnational curate favoring inf spoof hubs mica conus fearless medalists puppy roanoke appropriation
combatants suppressing incomes kidding serra dismay payroll zeta ellington bir sadie shutting tajikistan
bushes growers usn cipher fulfil chichester radiant rivi latina mitsubishi quan resumes shelves sizeable
congolese iupac taekwondo ascertain circumference coliseum menon spitfire functionally wembley rang zquez
einer sideways expos grille oise fontaine ingrid joshi afterlife barron bearings fission madden quadrant
dubbing unfairly margarita regionally zoning attains receipts auditory crank socioeconomic sharif bestselling
jen massif chaplin currencies biomass moors denton dfdfdf eduard immersed completeness romano vaccination
flourishing oblong smyth yamaha clover reacting misrepresenting negatives sie trademarks behaving cooperated
omitting mouths wcw arroyo boulders coco nakamura pollock reiterated sts moto portfolios guerre meetup
achilles electrode landscaping marginalized radcliffe swarm terre windy antics nadia upscale resorted
endorsements faulkner partridge sloppy freighter intracoastal mohawk albrecht keyword rodrigues doncaster
purposely townspeople compartments mri pembroke silhouette tak thinker deserts malware walden alluded bribe
fearful frey gland pros decorate enchanted ferreira haji academician gall anarchy armory domino lithium
succumbed bertie kilda nightingale nationalistic punishments delaying rosenthal tata aromatic cie advertiser
cascades optic sesame handler optionally glue lansing gage setback wardrobe chimneys deng recognising mathew
voodoo carbonate psychotherapy antennae haryana outlining shouted pillai reliefs cohort informatics unicorn
admire patriarchal saigon unneeded chun msu ringing bwv unusable activates induces demolish quarrel rectangle
odor cadillac magnesium calvert dubois conservatism gmail ethos jnr turk reggie rhino rin minded torso bragg
ecuadorian perl ramirez mortars epilogue interrupt osman quake wharton surgeries crimean housewife archdeacon
dunlop conflicted invitations psp ptolemy scanner unitarian emphasised esperanto wdt lavender abb feldman
karin briefing superstructure atrium gustavo maitland bladder claimant hormones northamptonshire xviii
exchanging idiom nascent nouveau deciduous depots spinoff emory generosity wrapper italiana cohesive figuring
mirage nur obtains reminding showers towing vedic objecting oricon ortega iirc gesellschaft indifferent
marlborough paraguayan ashok dispersion maintype servletproductlist campground celia jeep chemically
fortresses interpretive mcgregor midday passwords shortening unc visas cadre cbd autoconfirmed extraordinarily
noticeboards enigma glee hamid harmon mitigation unsolved gathers suriname sus donnelly advantageous hobbies
obligated rankin asiatic disproportionate donegal ids unnotable jia kar seamen extravagant fbb foe primes
downgraded frenchman hurdle recovers pokemon slaughtered hails marxism mulder navigating psalms symbolizes
bolts excursions unintentionally adept wont wrapping assembling lpg vortex comets iroquois appoints gorgeous
ops amore milling empathy skirts sonar starboard ata blurred kinship betsy departures gon pursues marred
motivational turnbull underage dani necks organises pieter enclave kgb kurds pleading stemmed tokens
articulate robe chronologically plumbing autopsy proctor scars alves hacked titanium unanswered cumbria lvarez
newsworthy osborn assortment entails sachs deriving exporting lament polarization harmed legions racecourse
divergent grammatically nuisance src aztec eureka welles combating filipinos ornament pedagogy unbalanced
frontage manny pandit corrugated hartman imitate deploying minerva reversible ripley chants cleavage
reorganised bethel nellie insurgent screenplays sunken epsilon garnering heresy stair puck tho bosch craftsman
pouring predicts schwarz siegel theodor esperanza mummy wexford aroused friendships poorest solves guatemalan
blooms foundational sirius wreath auschwitz exert reclamation subgroups fractures hijacked transformer heron
indistinguishable listify orton viper antiquarian fandom murderers gilded anonymity cramer juno bloggers
watercolor concave palma peninsular informant mimi allusion interruption loco lowry stimulating regan
probabilities judd mrna undergraduates baronetage dwyer grimm peacekeeping`;

export const ENGLISH_WORD_SET: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter(Boolean));
