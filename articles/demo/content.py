"""The demo newsroom as plain data: sections, authors, pictures and articles.

Every text here was written for this project. The Tokyo story reports a real event; the places,
clubs, companies and people in the other stories are invented. An article's `published_at` is either an aware
datetime or a timedelta, which means "this long after the moment the demo is loaded" (the
scheduled story); a draft has none. An English article names its Swedish original by slug.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from articles.models import DigitalSourceType

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def _at(month, day, hour, minute, year=2025):
    return datetime(year, month, day, hour, minute, tzinfo=STOCKHOLM)


# English slugs follow the English names readers see in the menu ("World": /en/section/world/).
SECTIONS = [
    {
        "slug": "inrikes",
        "slug_en": "sweden",
        "name_sv": "Inrikes",
        "name_en": "Sweden",
        "position": 1,
    },
    {
        "slug": "utrikes",
        "slug_en": "world",
        "name_sv": "Utrikes",
        "name_en": "World",
        "position": 2,
    },
    {
        "slug": "ekonomi",
        "slug_en": "business",
        "name_sv": "Ekonomi",
        "name_en": "Business",
        "position": 3,
    },
    {
        "slug": "kultur",
        "slug_en": "culture",
        "name_sv": "Kultur",
        "name_en": "Culture",
        "position": 4,
    },
    {"slug": "sport", "slug_en": "sport", "name_sv": "Sport", "name_en": "Sport", "position": 5},
]

AUTHORS = [
    {"slug": "elin-sjoberg", "name": "Elin Sjöberg", "email": "elin.sjoberg@newsroom.example"},
    {"slug": "mikael-ohman", "name": "Mikael Öhman", "email": "mikael.ohman@newsroom.example"},
    {
        "slug": "sara-lindqvist",
        "name": "Sara Lindqvist",
        "email": "sara.lindqvist@newsroom.example",
    },
    {
        "slug": "anders-bergkvist",
        "name": "Anders Bergkvist",
        "email": "anders.bergkvist@newsroom.example",
    },
    {"slug": "hanna-aberg", "name": "Hanna Åberg", "email": "hanna.aberg@newsroom.example"},
]

# "drawing" names a function in drawings.DRAWINGS and is also the stable part of the file name.
IMAGES = [
    {
        "drawing": "summit",
        "alt_text": (
            "Två händer i ett handslag framför en japansk flagga med en röd sol och en "
            "amerikansk flagga med stjärnor och ränder."
        ),
        "alt_text_en": (
            "Two hands meeting in a handshake in front of a Japanese flag with a red sun and an "
            "American flag with stars and stripes."
        ),
        "credit": "Illustration: Newsroom",
        "source": DigitalSourceType.TRAINED_ALGORITHMIC_MEDIA,
    },
    {
        "drawing": "harbour",
        "alt_text": (
            "En vit färja med gul skorsten på väg in i en hamn en tidig morgon. Till vänster "
            "står röda sjöbodar på klipporna, i förgrunden en kaj med pollare."
        ),
        "alt_text_en": (
            "A white ferry with a yellow funnel coming into a harbour early in the morning. Red "
            "boathouses stand on the rocks to the left; a quay with bollards is in the foreground."
        ),
        "credit": "Foto: Karin Lund/Newsroom",
        "credit_en": "Photo: Karin Lund/Newsroom",
        "source": DigitalSourceType.DIGITAL_CAPTURE,
    },
    {
        "drawing": "forest",
        "alt_text": (
            "Solljus faller snett genom morgondis i en granskog. Höga granar ramar in bilden "
            "och marken i förgrunden är täckt av gräs."
        ),
        "alt_text_en": (
            "Sunlight slanting through morning mist in a spruce forest. Tall spruces frame the "
            "picture and grass covers the ground in the foreground."
        ),
        "credit": "Foto: Oskar Hedlund/Newsroom",
        "credit_en": "Photo: Oskar Hedlund/Newsroom",
        "source": DigitalSourceType.DIGITAL_CAPTURE,
    },
    {
        "drawing": "skyline",
        "alt_text": (
            "Illustration av en stad vid vatten i skymningen, med tända fönster i husen, en "
            "måne på himlen och gatlyktor som speglar sig i vattnet."
        ),
        "alt_text_en": (
            "Illustration of a waterside city at dusk, with lit windows in the buildings, a "
            "crescent moon and street lamps reflected in the water."
        ),
        "credit": "Illustration: Maja Holm/Newsroom",
        "source": DigitalSourceType.DIGITAL_CREATION,
    },
    {
        "drawing": "wind-farm",
        "alt_text": (
            "Vindkraftverk på gröna kullar under en blå himmel med moln. I dalen ligger en röd "
            "gård bland björkar, i förgrunden ett gult rapsfält."
        ),
        "alt_text_en": (
            "Wind turbines on green hills under a blue sky with clouds. A red farmhouse stands "
            "among birches in the valley, with a yellow rapeseed field in the foreground."
        ),
        "credit": "Montage: Newsroom",
        "credit_en": "Composite: Newsroom",
        "source": DigitalSourceType.COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA,
    },
    {
        "drawing": "library",
        "alt_text": (
            "En läsesal med fulla bokhyllor på båda sidor om ett högt, välvt fönster. Två "
            "gröna bordslampor lyser över uppslagna böcker på ett långt träbord."
        ),
        "alt_text_en": (
            "A reading room with full bookshelves either side of a tall arched window. Two green "
            "desk lamps shine on open books on a long wooden table."
        ),
        "credit": "Foto: Karin Lund/Newsroom",
        "credit_en": "Photo: Karin Lund/Newsroom",
        "source": DigitalSourceType.DIGITAL_CAPTURE,
    },
    {
        "drawing": "football",
        "alt_text": (
            "Fotbollsmatch i strålkastarljus. Spelare i gröna och vita tröjor springer runt "
            "mittcirkeln, och bakom dem är läktaren full av publik."
        ),
        "alt_text_en": (
            "A football match under floodlights. Players in green and white shirts run around "
            "the centre circle in front of a full stand."
        ),
        "credit": "Foto: Oskar Hedlund/Newsroom",
        "credit_en": "Photo: Oskar Hedlund/Newsroom",
        "source": DigitalSourceType.DIGITAL_CAPTURE,
    },
    {
        "drawing": "town-hall",
        "alt_text": (
            "Illustration av ett stadshus med kolonner, breda trappor och en grön koppardom, "
            "med lövträd på båda sidor och några människor på torget framför."
        ),
        "alt_text_en": (
            "Illustration of a town hall with columns, wide steps and a green copper dome, with "
            "trees on both sides and a few people on the square in front."
        ),
        "credit": "Illustration: Maja Holm/Newsroom",
        "source": DigitalSourceType.DIGITAL_CREATION,
    },
]

PUBLISHED, DRAFT = "published", "draft"

ARTICLES = [
    # --- Utrikes: the Japan-U.S. summit -----------------------------------------------------
    {
        "language": "sv",
        "slug": "takaichi-och-trump-lovar-att-starka-alliansen",
        "section": "utrikes",
        "authors": ["elin-sjoberg"],
        "status": PUBLISHED,
        "published_at": _at(10, 28, 14, 30),
        "image": "summit",
        "caption": (
            "Japan och USA lovade på tisdagen att stärka alliansen när Sanae Takaichi och "
            "Donald Trump möttes för första gången."
        ),
        "headline": "Takaichi och Trump lovar att stärka alliansen vid första mötet",
        "lede": (
            "Japans premiärminister Sanae Takaichi och USA:s president Donald Trump träffades "
            "för första gången i Tokyo på tisdagen. De enades om att fördjupa alliansen och "
            "skrev under avtal om tullar och kritiska mineraler."
        ),
        "body": """\
Programmet var kort men tätt. Sanae Takaichi, som förra veckan tillträdde som Japans första kvinnliga premiärminister, tog emot Donald Trump på statens gästhus Akasakapalatset i centrala Tokyo. Själva mötet varade i ungefär 40 minuter.

Båda sidor beskrev efteråt samtalet som vänskapligt, och budskapet var detsamma från båda håll: alliansen mellan länderna ska bli starkare, och Japan ska ta ett större ansvar för sin egen säkerhet.

## Försvaret i fokus

Takaichi berättade för presidenten att hennes regering vill nå målet om försvarsutgifter på två procent av BNP tidigare än planerat. Hon vill också skriva om tre centrala säkerhetspolitiska dokument, bland dem landets nationella säkerhetsstrategi.

Beskedet ligger i linje med vad Washington länge har efterfrågat, nämligen att allierade länder ska bära en större del av kostnaden för sitt försvar. Hur ökningen ska finansieras är däremot ännu inte avgjort i Tokyo.

## Avtal om tullar och sällsynta jordartsmetaller

Under besöket undertecknades två avtal, och fler dokument är på väg:

- ett avtal som genomför den tullöverenskommelse som länderna nådde tidigare i år,
- ett ramverk för säkrare leveranskedjor för kritiska mineraler och sällsynta jordartsmetaller,
- planerade samförståndsavtal om artificiell intelligens och om skeppsbyggnad.

Till tullöverenskommelsen hör Japans löfte om investeringar i USA på 550 miljarder dollar, omkring 84 biljoner yen. Hur pengarna ska fördelas är ännu inte klart, men energi, halvledare och varvsindustri brukar nämnas bland de tänkbara områdena.

Mineralavtalet ses som ett sätt för båda länderna att bli mindre beroende av Kina, som dominerar både brytningen och förädlingen av sällsynta jordartsmetaller.

## Möte med de bortfördas familjer

Ledarna träffade också anhöriga till japanska medborgare som fördes bort till Nordkorea under 1970- och 1980-talen. Bland dem fanns 57-årige Takuya Yokota, vars syster Megumi Yokota var 13 år gammal när hon fördes bort. Frågan har i årtionden varit en av de mest känsliga i japansk politik, och de anhöriga har länge bett om hjälp från Washington.

## Till hangarfartyget i Yokosuka

Efter mötena flög Takaichi och Trump till den amerikanska flottbasen i Yokosuka söder om Tokyo, där båda talade ombord på hangarfartyget USS George Washington. Att en japansk regeringschef uppträder bredvid en amerikansk president på ett amerikanskt örlogsfartyg tolkas som en tydlig signal om hur nära länderna vill framstå.

På kvällen lystes Tokyo Skytree, stadens 634 meter höga tv-torn, upp i rött, vitt och blått.

Japans och USA:s regeringar redogör för besöket på [premiärministerns webbplats](https://japan.kantei.go.jp) och på [Vita husets webbplats](https://www.whitehouse.gov).
""",
    },
    {
        "language": "en",
        "translation_of": "takaichi-och-trump-lovar-att-starka-alliansen",
        "slug": "takaichi-and-trump-pledge-a-stronger-alliance",
        "section": "utrikes",
        "authors": ["elin-sjoberg"],
        "status": PUBLISHED,
        "published_at": _at(10, 28, 15, 15),
        "image": "summit",
        "caption": (
            "Japan and the United States pledged on Tuesday to strengthen their alliance as "
            "Sanae Takaichi and Donald Trump met for the first time."
        ),
        "headline": "Takaichi and Trump pledge a stronger alliance at their first meeting",
        "lede": (
            "Japan's Prime Minister Sanae Takaichi and U.S. President Donald Trump met in person "
            "for the first time in Tokyo on Tuesday. They agreed to deepen the alliance and "
            "signed agreements on tariffs and critical minerals."
        ),
        "body": """\
It was a short visit with a full programme. Sanae Takaichi, who took office last week as Japan's first female prime minister, received Donald Trump at the State Guest House, Akasaka Palace, in central Tokyo. The talks themselves lasted about 40 minutes.

Both sides called the meeting friendly afterwards, and the message from each was the same: the alliance between the two countries is to grow stronger, and Japan is to take on more responsibility for its own security.

## Defence at the centre

Takaichi told the president that her government wants to reach its target of spending two per cent of GDP on defence sooner than planned. She also intends to rewrite three key security documents, among them the national security strategy.

That is in line with what Washington has long asked of its allies: that they carry a larger share of the cost of their own defence. How Japan will pay for the increase has not yet been settled in Tokyo.

## Deals on tariffs and rare earths

Two agreements were signed during the visit, with more documents to follow:

- an agreement putting into effect the tariff deal the two countries reached earlier this year,
- a framework for more secure supply chains for critical minerals and rare earths,
- planned memorandums of understanding on artificial intelligence and on shipbuilding.

The tariff deal comes with Japan's pledge to invest 550 billion dollars, about 84 trillion yen, in the United States. How the money will be divided is not yet clear, but energy, semiconductors and shipbuilding are often mentioned among the likely areas.

The minerals agreement is seen as a way for both countries to depend less on China, which dominates both the mining and the processing of rare earths.

## Meeting the abductees' families

The two leaders also met relatives of Japanese citizens who were abducted to North Korea in the 1970s and 1980s. Among them was Takuya Yokota, 57, whose sister Megumi Yokota was 13 years old when she was taken. The issue has been one of the most sensitive in Japanese politics for decades, and the families have long sought help from Washington.

## On to the carrier at Yokosuka

After the talks, Takaichi and Trump flew to the U.S. Navy base at Yokosuka, south of Tokyo, where both spoke aboard the aircraft carrier USS George Washington. A Japanese head of government appearing beside an American president on a U.S. warship is being read as a clear signal of how close the two countries want to be seen to be.

In the evening, Tokyo Skytree, the city's 634-metre broadcasting tower, was lit in red, white and blue.

Both governments report on the visit on the [Prime Minister's website](https://japan.kantei.go.jp) and the [White House website](https://www.whitehouse.gov).
""",
    },
    # --- Inrikes: a municipal climate plan ----------------------------------------------------
    {
        "language": "sv",
        "slug": "stromsvik-antar-ny-klimatplan",
        "section": "inrikes",
        "authors": ["sara-lindqvist"],
        "status": PUBLISHED,
        "published_at": _at(11, 11, 7, 45),
        "image": "forest",
        "caption": (
            "Granskog norr om Strömsvik. Två skogsområden nära tätorten ska enligt planen bli "
            "naturreservat."
        ),
        "headline": "Strömsvik antar ny klimatplan – kommunens skog ska binda mer kol",
        "lede": (
            "Kommunfullmäktige i Strömsvik klubbade på måndagskvällen en ny klimatplan. "
            "Utsläppen ska halveras till 2035, och en femtedel av kommunens egen skog ska brukas "
            "utan kalhyggen."
        ),
        "body": """\
Efter nästan tre timmars debatt röstade en bred majoritet i fullmäktige för planen, som ersätter ett klimatprogram från 2018. Den nya planen är kortare än den gamla, men varje åtgärd har nu ett mål, en ansvarig förvaltning och en budget.

– Vi har haft fina ambitioner förut, men ingen har kunnat följa pengarna. Nu kan alla se vad som ska göras, vem som gör det och vad det kostar, säger kommunens klimatstrateg Jonas Ekdahl.

## Trafiken står för mest

Enligt kommunens egen kartläggning kommer mer än hälften av de lokala utsläppen från vägtrafiken. Därför riktar sig flera av åtgärderna mot resor och transporter:

- stadsbussarna ska gå på el senast 2028,
- en ny cykelväg ska knyta ihop centrum med industriområdet vid hamnen,
- kommunens egna bilar byts mot elbilar när leasingavtalen löper ut,
- laddplatser byggs vid alla större arbetsplatser som kommunen äger.

För en del av laddplatserna räknar kommunen med att söka pengar ur Klimatklivet, det investeringsstöd som [Naturvårdsverket](https://www.naturvardsverket.se) fördelar.

## Skogen blir en kolsänka

Mest debatt blev det om skogen. Strömsviks kommun äger omkring 3 200 hektar skogsmark, och hittills har den skötts som de flesta andra produktionsskogar: med kalavverkning och nyplantering.

Nu ska ungefär en femtedel av arealen i stället brukas hyggesfritt. Det innebär att man tar ut enstaka träd eller mindre grupper och låter resten av skogen stå kvar. Dessutom ska två skogsområden nära tätorten bli naturreservat.

> Skogen nära stan är den som folk faktiskt använder. Där ska man kunna plocka blåbär och höra fåglar, inte kliva över ris på ett hygge.

Det säger Eva Lindahl, ordförande i den lokala naturskyddsföreningen, som har drivit frågan i flera år.

## Oppositionen oroas av kostnaden

Alla är inte övertygade. Oppositionen menar att skogsdelen minskar kommunens intäkter med flera miljoner kronor om året, pengar som i stället hade kunnat gå till skola och omsorg. Ett förslag om att skjuta upp beslutet om reservaten till nästa år röstades ned.

Jonas Ekdahl medger att skogen ger mindre pengar på kort sikt, men framhåller att virket från den hyggesfria skogen fortfarande ska säljas och att planen följs upp varje år.

– Om något inte fungerar ska vi se det svart på vitt och kunna ändra oss, säger han.

Planen börjar gälla den 1 januari. Den första uppföljningen redovisas för fullmäktige hösten 2026.
""",
    },
    {
        "language": "en",
        "translation_of": "stromsvik-antar-ny-klimatplan",
        "slug": "stromsvik-adopts-new-climate-plan",
        "section": "inrikes",
        "authors": ["sara-lindqvist"],
        "status": PUBLISHED,
        "published_at": _at(11, 11, 9, 0),
        "image": "forest",
        "caption": (
            "Spruce forest north of Strömsvik. Under the plan, two areas of woodland close to "
            "the town will become nature reserves."
        ),
        "headline": "Strömsvik adopts a climate plan that puts its forests to work",
        "lede": (
            "The municipal council in Strömsvik approved a new climate plan on Monday evening. "
            "Emissions are to be halved by 2035, and a fifth of the council's own forest will no "
            "longer be clear-felled."
        ),
        "body": """\
After almost three hours of debate, a broad majority of the council voted for the plan, which replaces a climate programme from 2018. The new plan is shorter than the old one, but every measure now has a target, a department responsible for it and a budget.

"We have had fine ambitions before, but nobody could follow the money. Now anyone can see what is to be done, who is doing it and what it costs," says Jonas Ekdahl, the municipality's climate strategist.

## Traffic is the biggest source

According to the municipality's own survey, more than half of local emissions come from road traffic. Several of the measures are therefore aimed at travel and transport:

- town buses are to run on electricity by 2028 at the latest,
- a new cycle path will link the town centre with the industrial area by the harbour,
- the council's own cars will be replaced by electric ones as their leases run out,
- charging points will be installed at every large workplace the municipality owns.

For some of the charging points, the council expects to apply for money from Klimatklivet, the investment programme run by the Swedish Environmental Protection Agency, [Naturvårdsverket](https://www.naturvardsverket.se).

## A forest that stores carbon

The forest caused the most debate. Strömsvik owns around 3,200 hectares of woodland, which has so far been managed like most commercial forest in Sweden: clear-felled and replanted.

About a fifth of that area will now be managed without clear-cutting instead. Single trees or small groups are taken out while the rest of the forest is left standing. Two areas close to the town will also become nature reserves.

> The forest near town is the one people actually use. That is where you should be able to pick blueberries and hear birds, not climb over the brash of a clear-cut.

So says Eva Lindahl, who chairs the local branch of a nature conservation society and has campaigned on the issue for several years.

## Opposition worried about the cost

Not everyone is convinced. The opposition argues that the forest measures will cut the council's income by several million kronor a year, money that could have gone to schools and care for the elderly. A motion to postpone the decision on the reserves until next year was voted down.

Ekdahl concedes that the forest will bring in less money in the short term, but points out that timber from the continuously managed forest will still be sold and that the plan will be reviewed every year.

"If something isn't working, we want to see it in black and white and be able to change course," he says.

The plan takes effect on 1 January. The first review will be presented to the council in the autumn of 2026.
""",
    },
    # --- Inrikes: a new ferry line --------------------------------------------------------------
    {
        "language": "sv",
        "slug": "ny-farjelinje-kortar-vagen-till-yttero",
        "section": "inrikes",
        "authors": ["anders-bergkvist"],
        "status": PUBLISHED,
        "published_at": _at(11, 3, 6, 30),
        "image": "harbour",
        "caption": (
            "M/S Ärla på väg in mot Strömsviks hamn en tidig morgon. Färjan laddar sina "
            "batterier vid kajen mellan turerna."
        ),
        "headline": "Ny färjelinje kortar vägen till Ytterö",
        "lede": (
            "Från och med i dag går en ny färjelinje året runt mellan Strömsviks hamn och "
            "Ytterö. För dem som bor på ön blir resan till fastlandet nästan en halvtimme "
            "kortare."
        ),
        "body": """\
Klockan 05.45 lämnar M/S Ärla kajen i Strömsvik för första gången i reguljär trafik. Den nya linjen går raka vägen över fjärden till Ytterö och tar 25 minuter. Hittills har öborna varit hänvisade till en linje som stannar vid tre andra öar på vägen och som tar nästan en timme.

Ytterö har drygt 400 fast boende, och på sommaren växer befolkningen till det mångdubbla. Många pendlar till jobb och skola på fastlandet, och för dem har restiden länge varit det största problemet med att bo på ön.

> Jag har räknat på det. Med den gamla båten satt jag nästan åtta timmar i veckan på sjön. Nu blir det hälften.

Det säger Lars-Erik Holm, som driver öns lanthandel och som varje morgon åker in till grossisten i Strömsvik.

## Batterier som laddas vid kajen

Ärla är byggd för att gå på el. Batterierna laddas vid kajerna i båda ändar under de tio minuter som färjan ligger still mellan turerna, och en dieselgenerator finns ombord som reserv om isen eller vädret ställer till det.

Enligt det regionala kollektivtrafikbolaget, som upphandlat trafiken, minskar utsläppen från båttrafiken till ön med omkring 80 procent jämfört med den gamla linjen. Färjan tar 200 passagerare och har plats för cyklar, barnvagnar och mindre varutransporter, men inte för bilar.

## Så går turerna

Tidtabellen är lagd för att passa pendlare och skolbarn:

- vardagar går tolv turer i varje riktning, den första 05.45 och den sista 23.15,
- lördagar och söndagar går åtta turer,
- under sommaren förtätas trafiken till var 45:e minut mitt på dagen,
- vanliga periodbiljetter för buss och tåg i regionen gäller ombord.

Den gamla linjen finns kvar för de mindre öarna, men med färre turer än i dag.

## Oro för vintern

Alla på ön är inte odelat positiva. Några boende har i samrådet frågat hur färjan klarar isvintrar, när fjärden kan frysa helt under några veckor. Rederiet uppger att Ärla är isförstärkt och klarar tunn is, men att en isbrytande reservbåt kan behöva sättas in under de kallaste perioderna.

Linjen är upphandlad på tio år. Redan nästa höst ska resandet utvärderas för att se om turtätheten behöver ändras.
""",
    },
    # --- Ekonomi: the policy rate and your mortgage --------------------------------------------
    {
        "language": "sv",
        "slug": "sa-paverkar-styrrantan-ditt-bolan",
        "section": "ekonomi",
        "authors": ["mikael-ohman"],
        "status": PUBLISHED,
        "published_at": _at(11, 6, 10, 0),
        "image": "skyline",
        "caption": (
            "Hur mycket en ändrad styrränta märks för hushållen beror på hur bolånet ser ut."
        ),
        "headline": "Så påverkar styrräntan ditt bolån",
        "lede": (
            "När Riksbanken ändrar styrräntan märks det på bolånet – men inte alltid direkt och "
            "inte alltid fullt ut. Här är det som avgör hur mycket av en förändring som når ditt "
            "hushåll."
        ),
        "body": """\
Styrräntan är Riksbankens viktigaste verktyg för att hålla inflationen nära målet på två procent. Den påverkar vad det kostar för bankerna att låna och placera pengar på kort sikt, och därmed i förlängningen de flesta räntor i ekonomin, från sparkonton till bolån.

Efter en rad sänkningar sedan 2024 ligger styrräntan betydligt lägre än för två år sedan. Men många låntagare har märkt att deras egen ränta inte har följt med i samma takt.

## Rörlig ränta följer snabbast

Den som har rörlig ränta, som i praktiken oftast är bunden i tre månader, märker en förändring först. Bankerna brukar justera sina listräntor inom några dagar efter ett räntebesked, och den nya räntan slår igenom nästa gång lånet ska läggas om.

Bundna räntor fungerar annorlunda. De styrs mer av vad bankerna själva betalar när de lånar upp pengar genom att ge ut säkerställda obligationer, och av vad marknaden tror om framtida räntor. Därför kan de bundna räntorna sjunka redan innan Riksbanken fattar sitt beslut, om en sänkning väntas.

## Listränta och snittränta

Räntan som står på bankens webbplats är en listränta, alltså ett utgångsbud. De flesta får en lägre ränta efter förhandling, och bankerna redovisar varje månad vilken snittränta kunderna faktiskt har fått. Skillnaden mellan list och snitt kan vara betydande.

> Jämför aldrig din ränta med bankens listränta. Jämför den med snitträntan. Ligger du över den har du ett bra skäl att ringa din bank.

Det säger privatekonomen Lina Forsberg, som tycker att alltför få låntagare förhandlar.

## Fyra saker att tänka på

- Titta på bankens snittränta för din bindningstid och jämför med din egen.
- Fråga om rabatt, särskilt om du har sparande eller andra tjänster hos samma bank.
- Välj bindningstid efter din buffert: med små marginaler kan en bunden ränta ge lugn.
- Glöm inte amorteringen. Den påverkas inte av räntan och är ofta den största posten.

## Räntan är inte allt

Tabellen visar ungefär hur mycket räntekostnaden per månad sjunker, före ränteavdrag, när räntan går från 3,0 till 2,5 procent.

| Lån | Kostnad vid 3,0 % | Vid 2,5 % | Skillnad |
| :-- | --: | --: | --: |
| 1 miljon kr | 2 500 kr | 2 083 kr | 417 kr |
| 2 miljoner kr | 5 000 kr | 4 167 kr | 833 kr |
| 3 miljoner kr | 7 500 kr | 6 250 kr | 1 250 kr |

För en familj med ett lån på tre miljoner kronor motsvarar en halv procentenhet lägre ränta ungefär 1 250 kronor mindre i räntekostnad i månaden, före ränteavdrag. Det är märkbart men sällan avgörande, påpekar Lina Forsberg. Elpriset, matpriserna och hur tryggt jobbet är betyder ofta mer för hushållsekonomin.

Riksbanken publicerar sina penningpolitiska beslut och prognoser på [riksbank.se](https://www.riksbank.se). Opartisk hjälp att jämföra lån finns hos [Konsumenternas Bank- och finansbyrå](https://www.konsumenternas.se).
""",
    },
    {
        "language": "en",
        "translation_of": "sa-paverkar-styrrantan-ditt-bolan",
        "slug": "how-the-policy-rate-reaches-your-mortgage",
        "section": "ekonomi",
        "authors": ["mikael-ohman"],
        "status": PUBLISHED,
        "published_at": _at(11, 6, 11, 0),
        "image": "skyline",
        "caption": (
            "How much a change in the policy rate is felt at home depends on the terms of the "
            "mortgage."
        ),
        "headline": "How the Riksbank's policy rate reaches your mortgage",
        "lede": (
            "When the Riksbank changes its policy rate, mortgage holders feel it – but not "
            "always at once, and not always in full. Here is what decides how much of a change "
            "reaches your household."
        ),
        "body": """\
The policy rate is the Riksbank's main tool for keeping inflation close to its two per cent target. It affects what banks pay to borrow and deposit money in the short term, and through that, sooner or later, most interest rates in the economy, from savings accounts to mortgages.

After a series of cuts since 2024, the policy rate is considerably lower than it was two years ago. Yet many borrowers have noticed that their own rate has not fallen at the same pace.

## Variable rates move first

Borrowers on a variable rate, which in Sweden usually means a rate fixed for three months, feel a change first. Banks tend to adjust their list rates within a few days of a rate decision, and the new rate applies the next time the loan is reset.

Fixed rates work differently. They depend more on what banks themselves pay when they raise money by issuing covered bonds, and on what the market expects of future rates. That is why fixed rates can fall before the Riksbank acts, if a cut is expected.

## List rates and average rates

The rate shown on a bank's website is a list rate: an opening offer. Most customers get a lower rate after negotiating, and Swedish banks publish every month the average rate their customers actually pay. The gap between the two can be considerable.

> Never compare your rate with the bank's list rate. Compare it with the average rate. If you are above that, you have a good reason to call your bank.

That is the advice of the personal finance economist Lina Forsberg, who thinks too few borrowers negotiate.

## Four things to check

- Look up your bank's average rate for your fixed term and compare it with your own.
- Ask for a discount, especially if you have savings or other services with the same bank.
- Choose the fixed term to match your buffer: with thin margins, a fixed rate can bring peace of mind.
- Don't forget the repayments. They do not depend on the interest rate and are often the largest item.

## The rate is not everything

The table shows roughly how much the monthly interest cost falls, before tax relief, when the rate goes from 3.0 to 2.5 per cent.

| Loan, kronor | Cost at 3.0% | At 2.5% | Difference |
| :-- | --: | --: | --: |
| 1 million | 2,500 | 2,083 | 417 |
| 2 million | 5,000 | 4,167 | 833 |
| 3 million | 7,500 | 6,250 | 1,250 |

For a family with a loan of three million kronor, a rate half a percentage point lower means about 1,250 kronor less in interest a month, before tax relief. That is noticeable but rarely decisive, Forsberg points out. Electricity and food prices, and how secure people feel in their jobs, often matter more to a household's finances.

The Riksbank publishes its monetary policy decisions and forecasts at [riksbank.se](https://www.riksbank.se). Impartial help with comparing loans is available from the Swedish Consumers' Banking and Finance Bureau, [Konsumenternas Bank- och finansbyrå](https://www.konsumenternas.se).
""",
    },
    # --- Ekonomi: a wind farm that shares its income --------------------------------------------
    {
        "language": "sv",
        "slug": "vindparken-pa-hultaberget-i-drift",
        "section": "ekonomi",
        "authors": ["mikael-ohman", "hanna-aberg"],
        "status": PUBLISHED,
        "published_at": _at(10, 21, 9, 10),
        "image": "wind-farm",
        "caption": (
            "Vindkraftverken på Hultaberget syns från gårdarna i dalen. Bilden är ett montage "
            "av parken som den ser ut från byvägen."
        ),
        "headline": "Vindparken på Hultaberget i drift – byarna får del av intäkterna",
        "lede": (
            "Fjorton vindkraftverk på Hultaberget har börjat leverera el. En procent av "
            "intäkterna går till en fond för byarna runt berget, något som fick flera tveksamma "
            "grannar att ändra uppfattning."
        ),
        "body": """\
Det tog nästan åtta år från de första samrådsmötena till att det sista verket kopplades in på elnätet i början av oktober. Nu står fjorton vindkraftverk, vart och ett högre än 200 meter till vingspetsen, på höjderna ovanför byarna Hulta, Norrbacka och Sjöängen.

Enligt bolaget bakom parken väntas den producera omkring 250 gigawattimmar el om året. Det motsvarar ungefär hushållselen för 50 000 villor, om man räknar bort uppvärmningen.

## En procent till bygden

Det som skiljer Hultaberget från många andra projekt är den så kallade bygdepengen. En procent av parkens årliga intäkter går till en fond som förvaltas av de lokala byföreningarna. Med dagens elpriser väntas det bli mellan en och två miljoner kronor om året.

Byföreningarna har redan börjat diskutera vad pengarna ska användas till. På listan finns bland annat:

- renovering av bygdegården i Norrbacka,
- bidrag till fiberutbyggnaden för de sista hushållen utan bredband,
- en spolad isbana och belysning vid badplatsen i Sjöängen,
- ett stipendium för unga som vill starta företag i byarna.

> I början var jag emot hela projektet. Men om verken ändå skulle byggas ville jag att bygden skulle få något tillbaka, och det har vi fått.

Det säger Gunnel Ek, ordförande i Hulta byförening, som satt med i förhandlingarna med bolaget.

## Buller och utsikt

Alla är inte nöjda. Några av de närmaste grannarna har klagat på ett lågt, pulserande ljud när det blåser från väster, och i kommunens samråd ifrågasattes hur verken påverkar landskapsbilden och fågellivet på berget.

Kommunen sade ja till parken 2021. I Sverige krävs att kommunen tillstyrker en vindkraftspark innan den kan få tillstånd, och flera större projekt i landet har stoppats av kommunala nej. Bolaget har lovat bullermätningar vid tre gårdar under vintern.

## Elen stannar inte alltid i närheten

Hultaberget ligger i ett elområde där produktionen redan är större än förbrukningen. Hur mycket av den nya elen som kommer södra Sverige till del beror på kapaciteten i stamnätet, som byggs ut men inte i samma takt som produktionen.

Mer om vindkraftens utbyggnad och om hur tillstånden fungerar finns hos [Energimyndigheten](https://www.energimyndigheten.se).
""",
    },
    {
        "language": "en",
        "translation_of": "vindparken-pa-hultaberget-i-drift",
        "slug": "hultaberget-wind-farm-starts-producing",
        "section": "ekonomi",
        "authors": ["mikael-ohman", "hanna-aberg"],
        "status": PUBLISHED,
        "published_at": _at(10, 21, 10, 30),
        "image": "wind-farm",
        "caption": (
            "The turbines on Hultaberget can be seen from the farms in the valley. The picture "
            "is a composite of the wind farm as it looks from the village road."
        ),
        "headline": "Hultaberget wind farm starts producing – and the villages get a share",
        "lede": (
            "Fourteen wind turbines on Hultaberget have begun supplying electricity. One per "
            "cent of the income goes into a fund for the villages around the hill, which changed "
            "the minds of several sceptical neighbours."
        ),
        "body": """\
It took almost eight years from the first public consultations until the last turbine was connected to the grid at the beginning of October. Fourteen turbines, each more than 200 metres tall to the tip of the blade, now stand on the heights above the villages of Hulta, Norrbacka and Sjöängen.

According to the company behind the project, the wind farm is expected to produce around 250 gigawatt hours of electricity a year. That roughly matches the household electricity, not counting heating, of 50,000 detached houses.

## One per cent for the community

What sets Hultaberget apart from many other projects is its community fund. One per cent of the wind farm's annual income goes into a fund managed by the local village associations. At current electricity prices, that is expected to amount to between one and two million kronor a year.

The associations have already started discussing how to spend the money. Ideas on the list include:

- renovating the village hall in Norrbacka,
- helping to pay for fibre broadband for the last households without it,
- a flooded ice rink and lighting at the bathing place in Sjöängen,
- a grant for young people who want to start a business in the villages.

> At first I was against the whole project. But if the turbines were going to be built anyway, I wanted the villages to get something back, and we have.

So says Gunnel Ek, who chairs the Hulta village association and took part in the negotiations with the company.

## Noise and views

Not everyone is satisfied. Some of the nearest neighbours have complained of a low, pulsing sound when the wind blows from the west, and the municipality's consultation raised questions about the turbines' effect on the landscape and on birdlife on the hill.

The municipality approved the wind farm in 2021. In Sweden, a wind farm needs the backing of the local council before it can be granted a permit, and several large projects in the country have been stopped by a council's veto. The company has promised noise measurements at three farms during the winter.

## The power does not always stay nearby

Hultaberget lies in an electricity price area where production already exceeds consumption. How much of the new power reaches southern Sweden depends on the capacity of the national grid, which is being expanded, but not as fast as production.

More about the expansion of wind power and how permits work is available from the Swedish Energy Agency, [Energimyndigheten](https://www.energimyndigheten.se).
""",
    },
    # --- Kultur: the library reopens (scheduled two days ahead) ---------------------------------
    {
        "language": "sv",
        "slug": "stadsbiblioteket-oppnar-igen",
        "section": "kultur",
        "authors": ["hanna-aberg"],
        "status": PUBLISHED,
        "published_at": timedelta(days=2),
        "image": "library",
        "caption": (
            "Läsesalens höga fönster är restaurerat och släpper åter in dagsljus över de långa "
            "borden."
        ),
        "headline": "Stadsbiblioteket öppnar igen – med längre öppettider och ny läsesal",
        "lede": (
            "Efter två års renovering slår stadsbiblioteket i Strömsvik upp dörrarna i dag. Den "
            "gamla läsesalen har fått tillbaka sitt höga fönster, och med meröppet kommer "
            "låntagarna in även när personalen har gått hem."
        ),
        "body": """\
Klockan tio klipps bandet vid entrén, men redan i går kväll stod de första besökarna och kikade in genom glasdörrarna. Stadsbiblioteket i Strömsvik har varit stängt sedan hösten 2023, och under tiden har verksamheten klarat sig med en tillfällig lokal i ett före detta butiksplan i köpcentrumet.

Byggnaden från 1930-talet hade stora problem med ventilationen och var svår att ta sig fram i med rullstol eller barnvagn. Nu finns hiss till alla våningar, nya toaletter och ett ventilationssystem som klarar fulla salar.

## Läsesalen har fått tillbaka sitt ljus

Det mest synliga resultatet finns på andra våningen. Den stora läsesalens välvda fönster, som murades igen till hälften vid en ombyggnad på 1970-talet, har tagits fram och restaurerats. Bokhyllorna längs väggarna är de ursprungliga, slipade och oljade.

> Vi ville att det skulle kännas som att gå in i ett vardagsrum för hela stan. Här ska man kunna sitta en hel eftermiddag utan att någon frågar vad man gör.

Det säger bibliotekschefen Birgitta Sand, som har lett arbetet med det nya biblioteket.

## Meröppet från sju till tjugotvå

Den största förändringen för låntagarna är kanske meröppet. Med lånekort och en pinkod kommer man in varje dag mellan klockan sju och tjugotvå, även när ingen personal är på plats. Bemannade tider finns kvar som tidigare, men kvällar och helger blir nu tillgängliga för fler.

Bland nyheterna finns också:

- en barnavdelning med sagogrotta och plats för barnvagnar,
- en verkstad med symaskiner, 3d-skrivare och digitaliseringsutrustning,
- tysta läsplatser och grupprum som kan bokas,
- en utökad samling av böcker på lätt svenska och på arabiska, somaliska och ukrainska.

## Invigning hela helgen

Invigningen pågår hela helgen med sagostunder, bokcirklar och visningar av huset. På söndag eftermiddag berättar de arkitekter som ritat om byggnaden hur de arbetat med det gamla och det nya.

Renoveringen har kostat omkring 85 miljoner kronor. Hur folkbiblioteken i landet används följs upp av [Kungliga biblioteket](https://www.kb.se), som samlar in statistik från alla kommuner.
""",
    },
    # --- Sport: a women's football club promoted ------------------------------------------------
    {
        "language": "sv",
        "slug": "norrvik-if-klart-for-elitettan",
        "section": "sport",
        "authors": ["anders-bergkvist"],
        "status": PUBLISHED,
        "published_at": _at(11, 2, 19, 40),
        "image": "football",
        "caption": (
            "Norrvik IF i gröna tröjor pressade Västanå BK under hela andra halvlek på en "
            "fullsatt Sjövallen."
        ),
        "headline": "Norrvik IF vände kvalet – klart för Elitettan",
        "lede": (
            "Norrvik IF förlorade första kvalmatchen med 1–2 men vände på hemmaplan. Efter 3–1 "
            "i returen på söndagen är damlaget klart för Elitettan för första gången."
        ),
        "body": """\
När domaren blåste av matchen rusade de första supportrarna ut på planen, och det tog en kvart innan spelarna kunde ta sig till omklädningsrummet. På en fullsatt Sjövallen, med 1 850 åskådare enligt arrangören, hade Norrvik IF just tagit klubbens största framgång någonsin.

Läget inför returen var tydligt. Efter förlusten med 1–2 borta mot Västanå BK förra helgen behövde Norrvik vinna med minst två mål för att slippa förlängning.

## Nyström i centrum

Det började bra. I den 23:e minuten nickade Ella Nyström in en hörna från Fatima Hassan vid första stolpen, och i paus ledde Norrvik med 1–0.

Sex minuter in i andra halvlek kom kalldusch. Västanås Moa Lindgren fick bollen fri vid straffområdet och skruvade in 1–1. Sammanlagt ledde gästerna nu med 3–2, och Norrvik behövde två mål till.

Det första kom efter 68 minuter, när Fatima Hassan sköt in en retur. Sedan dröjde det. Västanå försvarade sig med hela laget, och klockan hann passera 85 minuter innan Ella Nyström kom loss på vänsterkanten och placerade in 3–1 i bortre hörnet.

I tillägget fick Västanå en frispark strax utanför straffområdet, men målvakten Tove Berg slog undan skottet.

> Vi har pratat om det här sedan försäsongen, men jag trodde aldrig att det skulle kännas så här. Laget slutade aldrig tro på det.

Det säger tränaren Petra Holmgren, som tog över laget för tre säsonger sedan.

## Nya krav nästa år

Avancemanget innebär nya villkor för klubben. Elitettan är den näst högsta serien i svensk damfotboll, och där gäller bland annat:

- längre resor till bortamatcher runt om i landet,
- högre krav på arena, omklädningsrum och matchorganisation,
- en större budget, som klubben hoppas täcka med fler lokala sponsorer.

Ordföranden Magnus Ahl säger att styrelsen ska gå igenom ekonomin redan i veckan, och att målet är att så många som möjligt av årets spelare ska vara kvar.

Seriesystemet och licenskraven beskrivs av [Svenska Fotbollförbundet](https://www.svenskfotboll.se).
""",
    },
    {
        "language": "en",
        "translation_of": "norrvik-if-klart-for-elitettan",
        "slug": "norrvik-if-promoted-to-elitettan",
        "section": "sport",
        "authors": ["anders-bergkvist"],
        "status": PUBLISHED,
        "published_at": _at(11, 2, 21, 0),
        "image": "football",
        "caption": (
            "Norrvik IF, in green, kept up the pressure on Västanå BK throughout the second half "
            "in front of a full stand at Sjövallen."
        ),
        "headline": "Norrvik IF turn the play-off around to reach Elitettan",
        "lede": (
            "Norrvik IF lost the first leg of their play-off 2–1 but turned it around at home. "
            "A 3–1 win in Sunday's return leg takes the women's team up to Elitettan for the "
            "first time."
        ),
        "body": """\
When the referee blew the final whistle, the first supporters ran onto the pitch, and it was a quarter of an hour before the players could get to the dressing room. In front of a full Sjövallen, with 1,850 spectators according to the organisers, Norrvik IF had just achieved the biggest success in the club's history.

The task before the return leg was clear. After losing 2–1 away to Västanå BK the previous weekend, Norrvik needed to win by at least two goals to avoid extra time.

## Nyström at the heart of it

It started well. In the 23rd minute Ella Nyström headed in a corner from Fatima Hassan at the near post, and Norrvik led 1–0 at half-time.

Six minutes into the second half came a cold shower. Västanå's Moa Lindgren found space at the edge of the box and curled in the equaliser. On aggregate the visitors now led 3–2, and Norrvik needed two more goals.

The first came after 68 minutes, when Hassan put away a rebound. Then the wait began. Västanå defended with the whole team, and the clock had passed 85 minutes before Nyström broke free on the left and placed the ball in the far corner for 3–1.

In stoppage time Västanå won a free kick just outside the box, but goalkeeper Tove Berg pushed the shot away.

> We have talked about this since pre-season, but I never thought it would feel like this. The team never stopped believing.

So says the coach, Petra Holmgren, who took charge of the team three seasons ago.

## New demands next year

Promotion brings new conditions for the club. Elitettan is the second tier of Swedish women's football, which among other things means:

- longer journeys to away matches around the country,
- stricter requirements for the ground, dressing rooms and match organisation,
- a bigger budget, which the club hopes to cover with more local sponsors.

The chairman, Magnus Ahl, says the board will go through the finances this week, and that the aim is to keep as many of this year's players as possible.

The league system and licensing rules are described by the Swedish Football Association, [Svenska Fotbollförbundet](https://www.svenskfotboll.se).
""",
    },
    # --- Inrikes: a draft about the youth council -----------------------------------------------
    {
        "language": "sv",
        "slug": "ungdomsfullmaktige-far-egen-budget",
        "section": "inrikes",
        "authors": ["sara-lindqvist", "hanna-aberg"],
        "status": DRAFT,
        "published_at": None,
        "image": "town-hall",
        "caption": "Ungdomsfullmäktige sammanträder i stadshusets sessionssal fyra gånger om året.",
        "headline": "Ungdomsfullmäktige i Strömsvik får egen budget",
        "lede": (
            "Från nästa år får kommunens ungdomsfullmäktige en halv miljon kronor att fördela "
            "på egen hand. Förslaget ska upp i kommunfullmäktige i december."
        ),
        "body": """\
I fem år har ungdomsfullmäktige i Strömsvik kunnat lämna förslag till politikerna. Nu kan de unga ledamöterna få bestämma själva. Kommunstyrelsen föreslår att ungdomsfullmäktige från och med nästa år får 500 000 kronor per år att använda till projekt som de själva väljer ut.

Ungdomsfullmäktige består av 31 ledamöter mellan 13 och 19 år, som väljs på skolorna och i fritidsgårdarna. De sammanträder fyra gånger om året i stadshusets sessionssal, samma sal där kommunfullmäktige håller sina möten.

## Förslag från unga själva

Tanken är att alla mellan 13 och 25 år som bor i kommunen ska kunna lämna förslag. Ungdomsfullmäktige väljer sedan vilka som ska genomföras, och kommunens förvaltningar hjälper till med det praktiska.

Pengarna ska redovisas varje år på samma sätt som i kommunens nämnder. En tjänsteperson på kultur- och fritidsförvaltningen blir kontaktperson och hjälper till med upphandlingar, tillstånd och kontakter med fastighetsägare, så att ett bra förslag inte fastnar i byråkratin.

> Vi har fått säga vad vi tycker i flera år, men sedan har det ofta stannat där. Med en egen budget kan vi visa att unga faktiskt kan ta ansvar.

Det säger Alva Berglund, 17 år, som är ordförande i ungdomsfullmäktige.

## Exempel från andra kommuner

Liknande budgetar finns redan i flera svenska kommuner. Där har pengarna bland annat gått till:

- belysning längs gång- och cykelvägar som unga tycker känns otrygga,
- utrustning till skateparker och spontanidrottsplatser,
- kvällsöppna lokaler där unga kan spela musik eller plugga,
- gratis mensskydd på skolornas toaletter.

## Kritik mot summan

Alla partier är inte positiva. Några ledamöter i kommunstyrelsen har invänt att pengarna borde gå direkt till fritidsgårdarna, som har fått minskade anslag de senaste åren. Andra menar att summan är för liten för att göra någon verklig skillnad.

Kommunfullmäktige fattar beslut på sitt möte den 15 december. Om förslaget går igenom kan de första projekten vara klara till sommaren.
""",
    },
]
