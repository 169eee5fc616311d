/**
 * Common surnames (US census top list, plus frequent European, Latin American, South and East Asian
 * family names), written from public frequency tables. Lower case, space separated, split once at load.
 */
const SURNAMES = `smith johnson williams brown jones garcia miller davis rodriguez martinez hernandez lopez gonzalez
wilson anderson thomas taylor moore jackson martin lee perez thompson white harris sanchez clark ramirez lewis robinson
walker young allen king wright scott torres nguyen hill flores green adams nelson baker hall rivera campbell mitchell
carter roberts gomez phillips evans turner diaz parker cruz edwards collins reyes stewart morris morales murphy cook
rogers gutierrez ortiz morgan cooper peterson bailey reed kelly howard ramos kim cox ward richardson watson brooks
chavez wood james bennett gray mendoza ruiz hughes price alvarez castillo sanders patel myers long ross foster jimenez
powell jenkins perry russell sullivan bell coleman butler henderson barnes gonzales fisher vasquez simmons romero
jordan patterson alexander hamilton graham reynolds griffin wallace moreno west cole hayes bryant herrera gibson ellis
tran medina aguilar stevens murray ford castro marshall owens harrison fernandez mcdonald woods washington kennedy
wells vargas henry chen freeman webb tucker guzman burns crawford olson simpson porter hunter gordon mendez silva
shaw snyder mason dixon munoz hunt hicks holmes palmer wagner black robertson boyd rose stone salazar fox warren mills
meyer rice schmidt garza daniels ferguson nichols stephens soto weaver ryan gardner payne grant dunn kelley spencer
hawkins arnold pierce vazquez hansen peters santos hart bradley knight elliott cunningham duncan armstrong hudson
carroll lane riley andrews alvarado ray delgado berry perkins hoffman johnston matthews pena richards contreras willis
carpenter lawrence sandoval guerrero george chapman rios estrada ortega watkins greene nunez wheeler valdez harper
burke larson santiago maldonado morrison franklin carlson austin dominguez carr lawson jacobs obrien lynch singh vega
bishop montgomery oliver jensen harvey williamson gilbert dean sims espinoza howell li wong reid hanson le mccoy
garrett burton fuller wang weber welch rojas lucas marquez fields park yang little banks padilla day walsh bowman
schultz luna fowler mejia davidson acosta brewer may holland juarez newman pearson curtis cortez douglas schneider
joseph barrett navarro figueroa keller avila wade molina stanley hopkins campos barnett bates chambers caldwell beck
lambert miranda byrd craig ayala lowe frazier powers neal leonard gregory carrillo sutton fleming rhodes shelton
schwartz norris jennings watts duran walters cohen mcdaniel moran parks steele vaughn becker holt deleon barker terry
hale leon hail benson haynes horton miles lyons pham graves bush thornton wolfe warner cabrera mckinney mann zimmerman
dawson lara fletcher page mccarthy love robles cervantes solis erickson reeves chang klein salinas fuentes baldwin
daniel simon velasquez hardy higgins aguirre lin cummings chandler sharp barber bowen ochoa dennis robbins liu
ramsey francis griffith paul blair oconnor cardenas pacheco cross calderon quinn moss swanson chan rivas khan rodgers
serrano fitzgerald rosales stevenson christensen manning gill curry mclaughlin harmon mcgee gross doyle garner newton
burgess reese walton blake trujillo adkins brady goodman roman webster goodwin fischer huang potter delacruz montoya
todd wu hines mullins castaneda malone cannon tate mack sherman hubbard hodges zhang guerra wolf valencia saunders
franco rowe gallagher farmer hammond hampton townsend ingram wise gallegos clarke barton schroeder maxwell waters
logan camacho strickland norman person colon parsons frank harrington glover osborne buchanan casey floyd patton
ibarra ball tyler suarez bowers orozco salas cobb gibbs andrade bauer conner moody escobar mcguire lloyd mueller
hartman french kramer mcbride pope lindsey velazquez norton mccormick sparks flynn yates hogan marsh macias villanueva
zamora pratt stokes owen ballard lang brock villarreal charles drake barrera cain patrick pineda burnett mercado
santana shepherd bautista ali shaffer lamb trevino mckenzie hess beil olsen cochran morton nash wilkins petersen
briggs shah roth nicholson holloway lozano flowers rangel hoover arias short mora valenzuela bryan meyers weiss
underwood bass greer summers houston carson morrow clayton whitaker decker yoder collier zuniga carey wilcox melendez
poole roberson larsen conley davenport copeland massey lam huff rocha cameron jefferson hood monroe anthony pittman
huynh randall singleton kirk combs mathis christian skinner bradford richard galvan wall boone kirby wilkinson bridges
bruce atkinson velez meza roy vincent york hodge villa abbott allison tapia gates chase sosa sweeney farrell wyatt
dalton horn barron phelps yu dickerson heath foley atkins mathews bonilla acevedo benitez zavala hensley glenn cisneros
harrell shields rubio huffman choi boyer garrison arroyo bond kane hancock callahan dillon cline wiggins grimes
arellano melton oneill savage ho beltran pitts parrish ponce rich booth koch golden ware brennan mcdowell marks
cantu humphrey baxter sawyer clay tanner hutchinson kaur berg wiley gilmore russo villegas hobbs keith wilkerson
ahmed beard mcclain montes mata rosario vang walter henson oneal mosley mcclure beasley stephenson snow huerta
preston vance barry johns eaton blackwell dyer prince macdonald solomon guevara stafford english hurst woodard
cortes shannon kemp nolan mccullough merritt murillo moon salgado strong kline cordova barajas roach rosas winters
jacobson lester knox bullock kerr leach meadows orr davila whitehead pruitt kent conway mckee barr david dejesus
marin berger mcintyre blankenship gaines palacios cuevas bartlett durham dorsey mccall odonnell stein browning
stout lowery sloan mclean hendricks calhoun sexton chung gentry hull duarte ellison nielsen gillespie buck middleton
sellers leblanc esparza hardin bradshaw mcintosh howe livingston frost glass morse knapp herman stark bravo noble
spears weeks corona frederick buckley mcfarland hebert enriquez hickman quintero randolph schaefer walls trejo house
reilly pennington michael conrad giles benjamin crosby fitzpatrick donovan mays mahoney valentine raymond medrano
hahn mcmillan small bentley felix peck lucero boyle hanna pace rush hurley harding mcconnell bernal nava ayers
everett ventura avery pugh mayer bender shepard mcmahon landry case sampson moses magana blackburn dunlap gould
duffy vaughan herring mckay espinosa rivers farley bernard ashley friedman potts truong costa correa blevins nixon
clements fry delarosa best benton lugo portillo dougherty crane haley phan villalobos blanchard horne finley quintana
lynn esquivel bean dodson mullen xiong hayden cano levy huber richmond moyer lim frye sheppard mccarty avalos booker
waller parra woodward jaramillo krueger rasmussen brandt peralta donaldson stuart faulkner maynard galindo coffey
estes sanford burch maddox vo oconnell vu andersen spence mcpherson church schmitt stanton leal cherry compton dudley
sierra pollard alfaro hester proctor lu hinton novak good madden mccann terrell jarvis dickson reyna cantrell mayo
branch hendrix rollins rowland whitney duke odom daugherty travis tang archer
muller schmid schneider fischer weber meyer wagner becker schulz hoffmann koch richter klein wolf neumann schwarz
zimmermann braun kruger hofmann hartmann lange werner krause lehmann kohler maier herrmann konig walter mayer huber
kaiser fuchs peters lang scholz moller weiss jung hahn vogel friedrich keller gunther frank berger winkler roth
beck lorenz baumann franke albrecht schuster simon ludwig bohm winter kraus martin schumacher kramer vogt stein
jager otto sommer gross seidel heinrich brandt haas schreiber graf schulte dietrich ziegler kuhn pohl engel
rossi russo ferrari esposito  romano colombo ricci marino greco bruno gallo conti costa giordano mancini rizzo
lombardi moretti barbieri fontana santoro mariani rinaldi caruso ferrara galli martini leone longo gentile martinelli
vitale lombardo serra coppola desantis dangelo marchetti parisi villa conte ferraro ferri fabbri bianco marini
grasso valentini messina sala deluca gatti pellegrini palumbo sanna farina rizzi monti cattaneo morelli amato
silvestri mazza testa grassi pellegrino carbone giuliani benedetti barone rossetti caputo montanari guerra palmieri
bernardi martino fiore derosa ferretti bellini basile riva donati piras vitali battaglia sartori neri costantini
milani pagano ruggiero sorrentino damico orlando damico negri
dubois durand lefebvre leroy moreau laurent girard bonnet dupont lambert fontaine rousseau vincent muller lefevre
faure andre mercier blanc guerin boyer garnier chevalier francois legrand gauthier perrin robin clement morin
nicolas henry roussel mathieu gautier masson marchand duval denis dumont marie lemaire noel meyer dufour meunier
brun blanchard giraud joly riviere lucas brunet gaillard barbier arnaud martinez gerard roche renard schmitt roy
leroux colin vidal caron picard roger fabre aubert lemoine renaud dumas lacroix olivier philippe bourgeois pierre
benoit rey leclerc payet rolland leclercq guillaume lecomte lopez jean dupuy guillot hubert berger carpentier
sanchez dupuis moulin louis deschamps huet vasseur perez boucher fleury royer klein jacquet adam paris poirier
marty aubry guyot carre charles renault charpentier menard maillard baron bertin bailly herve schneider fernandez
lebrun collet leger bouvier julien prevost millet perrot daniel cousin germain breton besson langlois remy pelletier
leveque perrier leblanc barre lebon marchal weber mallet hamon boulanger jacob monnier michaud rodriguez guichard
gillet etienne grondin poulain tessier chevallier collin chauvin bouchet gay lemaitre benard marechal humbert
reynaud antoine hoarau perret barthelemy cordier pichon lejeune gilbert lamy delaunay pasquier carlier laporte
jansen janssen devries vandenberg bakker visser smit meijer mulder bos vos peters hendriks dekker brouwer dijkstra
vandijk dejong devos vanleeuwen maes claes goossens wouters willems mertens jacobs
nowak kowalski wisniewski wojcik kowalczyk kaminski lewandowski zielinski szymanski wozniak dabrowski kozlowski
jankowski mazur kwiatkowski krawczyk piotrowski grabowski nowakowski pawlowski michalski nowicki adamczyk dudek
zajac wieczorek jablonski krol majewski olszewski jaworski wrobel malinowski pawlak witkowski walczak stepien gorski
rutkowski michalak sikora ostrowski baran duda szewczyk tomaszewski pietrzak marciniak wroblewski zalewski jakubowski
novak svoboda novotny dvorak cerny prochazka kucera vesely horak nemec pokorny marek pospisil hajek jelinek kral
ruzicka benes fiala sedlacek dolezal zeman kolar navratil cermak urban vanek blazek kriz kovac holub
nagy kovacs toth szabo horvath varga kiss molnar nemeth farkas balogh papp takacs juhasz lakatos meszaros olah simon
racz fekete szilagyi torok feher balazs gal kis szucs kocsis orsos pinter fodor szalai sipos magyar lukacs gulyas
ivanov smirnov kuznetsov popov vasiliev petrov sokolov mikhailov novikov fedorov morozov volkov alekseev lebedev
semenov egorov pavlov kozlov stepanov nikolaev orlov andreev makarov nikitin zakharov zaitsev solovyov borisov
yakovlev grigoriev romanov vorobyov sergeev kuzmin frolov alexandrov dmitriev korolev gusev kiselev ilyin maksimov
polyakov sorokin vinogradov kovalev belov medvedev antonov tarasov zhukov baranov filippov komarov davydov belyaev
gerasimov bogdanov osipov sidorov matveev titov markov mironov krylov kulikov karpov vlasov melnikov denisov
gavrilov tikhonov kazakov afanasyev danilov savelyev timofeev fomin chernov abramov martynov efimov fedotov shcherbakov
nazarov kalinin isaev chernyshev bykov maslov rodionov konovalov lazarev voronin klimov filatov ponomarev golubev
kudryavtsev prokhorov naumov potapov zhuravlev ovchinnikov trofimov leonov sobolev ermakov kolesnikov goncharov
emelyanov nikiforov grachev kotov grishin efremov arkhipov gromov kirillov malyshev panov moiseev rumyantsev akimov
kondratyev biryukov gorbunov anisimov eremin tikhomirov galkin lukyanov mikheev skvortsov yudin belousov nesterov
simonov prokofiev kharitonov knyazev tsvetkov levin mitrofanov voronov aksenov sofronov maltsev loginov gorshkov
savin krasnov mayorov demidov eliseev rybakov safonov plotnikov demin khokhlov fadeev molchanov ignatov litvinov
yershov ushakov dementyev ryabov mukhin kalashnikov leontyev lobanov kuzin korneev evdokimov borodin platonov
nekrasov balashov bobrov zhdanov blinov ignatyev korotkov muravyov kryukov belyakov bogomolov drozdov lavrov
zuev petukhov larin nikulin serov terentyev zotov ustinov fokin samoylov konstantinov sakharov shishkin samsonov
cherkasov chistyakov nosov spiridonov karasev avdeev vorontsov zverev vladimirov seleznev nechaev kudryashov sedov
firsov andrianov panin golovin terekhov ulyanov shestakov ageev nikonov selivanov bazhenov gordeev kozhevnikov
pakhomov zimin kostin shirokov filimonov larionov ovsyannikov sazonov suvorov nefedov kornilov lyubimov lvov
gorbachev kopylov lukin tokarev kuleshov shilov bolshakov pankratov rodin shapovalov pokrovsky bocharov nikolsky
markin gorelov agafonov berezin ermolaev zubkov kupriyanov trifonov maslennikov kruglov tretyakov kolosov rozhkov
artamonov shmelev laptev lapin fedoseev zinoviev zorin utkin stolyarov zubov tkachev dorofeev antipov zavyalov
sviridov zolotarev kulakov meshcheryakov makeev dyakonov guryev kovalenko shevchenko bondarenko kovalchuk kravchenko
oliinyk shevchuk polishchuk tkachenko savchenko rudenko moroz marchenko lysenko petrenko
andersson johansson karlsson nilsson eriksson larsson olsson persson svensson gustafsson pettersson jonsson
jansson hansson bengtsson jonsson lindberg jakobsson magnusson lindstrom lindqvist lindgren berg axelsson bergstrom
lundberg lundgren lundqvist mattsson berglund fredriksson sandberg henriksson forsberg sjoberg wallin engstrom
danielsson lundin hakansson  gunnarsson holm samuelsson fransson bergman hansen johansen olsen larsen
andersen pedersen nilsen kristiansen jensen karlsen johnsen pettersen eriksen berg haugen hagen johannessen
nielsen sorensen rasmussen jorgensen petersen madsen kristensen christensen christiansen poulsen knudsen
korhonen virtanen makinen nieminen makela hamalainen laine heikkinen koskinen jarvinen lehtonen lehtinen saarinen
salminen heinonen niemi heikkila kinnunen salonen turunen salo laitinen tuominen rantanen karjalainen jokinen mattila
savolainen lahtinen ahonen
silva santos ferreira pereira oliveira costa rodrigues martins jesus sousa fernandes goncalves gomes lopes marques
alves almeida ribeiro pinto carvalho teixeira moreira correia mendes nunes soares vieira monteiro cardoso rocha
neves coelho cruz cunha pires ramos reis simoes antunes matos fonseca machado araujo barbosa tavares lourenco
castro figueiredo azevedo freitas batista
garcia fernandez gonzalez rodriguez lopez martinez sanchez perez gomez martin jimenez ruiz hernandez diaz moreno
munoz alvarez romero alonso gutierrez navarro torres dominguez vazquez ramos gil ramirez serrano blanco molina
morales suarez ortega delgado castro ortiz rubio marin sanz nunez iglesias medina garrido cortes castillo santos
lozano guerrero cano prieto mendez cruz calvo gallego herrera marquez leon vidal pena flores cabrera campos vega
fuentes carrasco diez aguilar nieto santana pascual herrero
kumar sharma singh verma gupta patel shah mehta joshi desai reddy rao nair iyer menon pillai das bose banerjee
chatterjee mukherjee ghosh sen dutta roy chaudhary yadav mishra pandey tiwari dubey srivastava agarwal jain
malhotra kapoor khanna chopra bhatia sethi arora grover saxena bhatt naidu krishnan subramanian venkatesan
khan ahmed ali hussain rahman hassan hossain islam uddin chowdhury begum akhtar siddiqui qureshi sheikh malik
mohammed mohamed ibrahim abdullah yusuf omar mahmoud saleh haddad nasser khalil mansour aziz karim rahim
wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he lin luo gao zheng liang xie song tang
han feng deng cao peng zeng xiao tian dong pan yuan cai jiang yu du ye cheng wei su lu ding ren shen yao
kim lee park choi jung kang cho yoon jang lim han oh seo shin kwon hwang ahn song jeon hong
sato suzuki takahashi tanaka watanabe ito yamamoto nakamura kobayashi kato yoshida yamada sasaki yamaguchi
matsumoto inoue kimura hayashi shimizu yamazaki mori abe ikeda hashimoto ishikawa ogawa
nguyen tran le pham hoang phan vu vo dang bui do ho ngo duong ly
yilmaz kaya demir sahin celik yildiz yildirim ozturk aydin ozdemir arslan dogan kilic aslan cetin kara koc
kurt ozkan simsek
cohen levi mizrahi peretz biton dahan avraham friedman katz azoulay
murphy kelly obrien walsh byrne ryan oconnor odonnell doyle mccarthy gallagher doherty kennedy lynch murray quinn
moore mcloughlin carroll connolly daly connell wilson dunne brennan burke collins campbell clarke johnston hughes
farrell fitzgerald brown martin maguire nolan flynn thomson callaghan boyle healy shea white sweeney hayes kavanagh
power mcgrath moran brady stewart casey foley fitzpatrick leary mcdonnell mcmahon donnelly regan donovan burns
flanagan mullan barry kane robinson cunningham griffin kenny sheehan ward whelan lyons reid graham higgins cullen
keane king maher mckenna bell scott hogan keeffe magee mcnamara mcdonald mcdermott moloney rourke buckley dwyer`;

export const SURNAME_SET: ReadonlySet<string> = new Set(SURNAMES.split(/\s+/).filter(Boolean));
