"""Text banks for bench/scenarios_gen5.py (English and French), written for that generator.

Templates use str.format slots filled per event / per mention:
  {b} brand as written in a post (name, hashtag or handle)   {B} brand as written by the press
  {p} product   {c} city   {ceo} a named executive   {inf} an influencer handle
  {o} a news outlet   {url} any link   {nurl} the link of the event's news story
  {n} small number   {big} larger number   {pct} percentage   {m} money amount
  {e} emoji(s)   {d} weekday   {hom} a homonym of a brand (off-topic use)   {tw} crisis theme words
Nothing here names a real company.
"""

EMOJI_NEG = ["😡", "🤬", "😤", "🙄", "👎", "💀", "😒", "🤡", "😠", "⚠️", "🚨", "🤮", "😬"]
EMOJI_POS = ["😍", "🙌", "👏", "❤️", "🔥", "✨", "🥰", "💯", "😊", "👌", "🎉", "💚"]
EMOJI_NEU = ["👀", "🤔", "📰", "📉", "📈", "🧐", "🤷", "📣", "ℹ️"]
EMOJI_LOL = ["😂", "🤣", "💀", "😭", "🙃", "😹"]

WEEKDAYS = {
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
}

CITIES = {
    "en": ["Leeds", "Manchester", "Boston", "Denver", "Bristol", "Glasgow", "Portland", "Austin",
           "Cardiff", "Toronto", "Melbourne", "Dublin", "Phoenix", "Nottingham", "Ottawa"],
    "fr": ["Lyon", "Lille", "Nantes", "Rennes", "Toulouse", "Bordeaux", "Marseille", "Liège",
           "Grenoble", "Montréal", "Québec", "Dijon", "Strasbourg", "Genève", "Namur"],
}

FIRST = ["Maren", "Tobias", "Ilse", "Rafe", "Odile", "Karim", "Sunniva", "Bastien", "Yara", "Linus",
         "Soraya", "Gaspard", "Nell", "Idris", "Perrine", "Colm", "Anouk", "Elio", "Tamsin", "Jules"]
LAST = ["Varnholt", "Delacombe", "Quistrel", "Obenauer", "Marchetti", "Loisel", "Kettering",
        "Abernoux", "Strand", "Pellegrue", "Hallowin", "Durocq", "Meynard", "Ashcombe", "Roussin"]

OUTLETS = {
    "en": ["The Morning Ledger", "Northgate Times", "Daily Courant", "Metro Wire", "Business Pulse",
           "The Civic Post", "Harbour Herald", "Consumer Watch Weekly", "TechBrief", "The Evening Signal",
           "Market Street Journal", "Riverside Gazette", "National Dispatch", "Retail Today"],
    "fr": ["Le Quotidien du Matin", "L'Écho Régional", "La Dépêche Éco", "Le Fil Info", "Conso Mag",
           "Le Courrier du Soir", "Les Nouvelles de l'Ouest", "L'Hebdo Tech", "Info Continue",
           "La Tribune Économique", "Le Petit Réveil", "Le Journal des Entreprises", "Rue Mag"],
}

NEWS_DOMAINS = {
    "en": ["morningledger.com", "northgatetimes.co.uk", "dailycourant.com", "metrowire.news",
           "businesspulse.com", "civicpost.org", "harbourherald.co.uk", "consumerwatchweekly.com",
           "techbrief.io", "eveningsignal.com", "marketstreetjournal.com", "riversidegazette.com",
           "nationaldispatch.com", "retailtoday.com"],
    "fr": ["quotidiendumatin.fr", "echoregional.fr", "depeche-eco.fr", "lefilinfo.fr", "consomag.fr",
           "courrierdusoir.fr", "nouvellesdelouest.fr", "hebdotech.fr", "infocontinue.fr",
           "tribune-eco.fr", "petitreveil.fr", "journal-entreprises.fr", "ruemag.fr"],
}

# ---------------------------------------------------------------------------------------
# Ordinary chatter
# ---------------------------------------------------------------------------------------
EN = {}
FR = {}

EN["chatter"] = [
    "Just picked up the new {p} from {b}, will report back",
    "anyone else using {b} for work? curious how it compares",
    "{b} {p} arrived today. box is bigger than the thing itself lol",
    "Saw a {b} ad on the bus this morning {e}",
    "Switched to {b} last month. So far so good.",
    "my dad keeps calling it the 'bee' app, it's {b} dad",
    "{b} store in {c} has a queue out the door again",
    "ok the {b} {p} in green is kind of cute",
    "Thread: my honest 3-month review of {b} {p} 🧵",
    "{b} just pushed an update, anyone know what changed?",
    "Comparing {b} and the usual suspects for a project, notes here {url}",
    "Working from a café in {c}, half the room is on {b} apparently",
    "{b} {p} — fine. Not amazing, not bad. It does the job.",
    "Does {b} ship to {c}? Their site is unclear",
    "first time trying {b} {p}, wish me luck",
    "the {b} jingle is stuck in my head for the third day",
    "{b} sale starts {d} if anyone cares",
    "listening to a podcast sponsored by {b}, that's the 4th one this week",
    "New {b} {p} colourway dropped. {url}",
    "Honestly I forgot {b} was still around",
    "{b}'s customer newsletter is weirdly well written",
    "my flatmate bought a {b} {p}, now we have two",
    "is {b} the one with the orange logo or am I thinking of someone else",
    "Unboxing the {b} {p} tonight on stream",
    "{b} {p} vs last year's model, small differences imo",
    "Reading the {b} terms of service so you don't have to (it's long)",
    "picked {b} because it was on sale, no regrets yet",
    "ANYONE know if {b} has student discounts??",
    "{b} popup in {c} this {d}, might go",
    "Small thing but the {b} packaging is recyclable now, nice",
]
EN["question"] = [
    "How do I cancel a {b} subscription? can't find the button",
    "Is the {b} {p} worth it or should I wait?",
    "Does anyone know {b}'s support email?",
    "{b} app keeps logging me out, is it just me?",
    "Question for {b} users: how long did delivery take to {c}?",
    "what's the battery life like on the {b} {p} really",
    "Can you return a {b} {p} without the box?",
    "anyone tried the {b} loyalty thing? worth signing up?",
    "Which {b} {p} size should I get, between two sizes",
    "@{h} is the {p} compatible with the older version?",
    "Is {b} down or is it my wifi",
    "Has {b} changed their prices? My bill looks different",
    "where are {b} products made? genuinely asking",
    "Looking for a {b} {p} second hand in {c}, any tips?",
    "Does {b} do repairs or do I need a third party",
]
EN["complaint"] = [
    "{b} delivery late again. third time. {e}",
    "the {b} app update moved every button, why",
    "Been on hold with {b} for 40 minutes",
    "{b} {p} stopped charging after 2 months, meh",
    "not impressed with {b} customer service today tbh",
    "Why does {b} need my phone number to sell me a {p}",
    "{b} prices went up AGAIN? come on",
    "my {b} order says delivered. it was not delivered.",
    "Love how {b} sends 5 emails a day. Unsubscribed.",
    "the {b} {p} squeaks. every. single. time.",
    "@{h} still waiting on my refund from {d}",
    "Oh great, {b} changed the login again. Just what I needed today 🙃",
    "{b} chat bot is useless, just let me talk to a human",
    "The new {b} {p} feels cheaper than the old one",
    "Returned my {b} {p}. Not for me.",
]
EN["praise"] = [
    "Shoutout to {b} support, fixed my issue in 5 min {e}",
    "the {b} {p} is honestly great, didn't expect that",
    "{b} just refunded me without any fuss. respect",
    "Been using {b} for 2 years, still happy",
    "{b} {p} survived a fall down the stairs. impressive",
    "Nice touch from {b}: handwritten note in the parcel {e}",
    "ok I take it back, the {b} update is good",
    "Staff at the {b} shop in {c} were lovely today",
    "Ten out of ten would buy the {b} {p} again",
    "{b} delivery came a day early!! {e}",
    "Proper quality from {b} for once, happy camper",
    "my {b} {p} is 4 years old and works like day one",
    "Credit where it's due, {b} listened to feedback on the app",
    "{b} has the best onboarding I've seen in a while",
    "small win: {b} matched a competitor's price without arguing",
]
EN["news_routine"] = [
    ("{B} opens new site in {c}", "{B} said on {d} it will open a new site in {c}, creating {n}0 jobs over two years."),
    ("{B} updates its {p} range", "The company presented minor changes to its {p} line, with prices unchanged."),
    ("{B} names new head of marketing", "{B} has appointed {ceo} as head of marketing, the company said in a statement."),
    ("{B} to sponsor {c} marathon", "{B} will be the main sponsor of the {c} marathon this year, organisers confirmed."),
    ("What to expect from {B} this quarter", "Analysts expect steady demand for {B}'s {p}, with margins broadly flat."),
    ("{B} extends opening hours in {c}", "Shops in {c} will stay open until 9pm on weekdays, {B} said."),
    ("{B} joins industry recycling scheme", "{B} is one of {n} companies joining a voluntary packaging recycling programme."),
    ("{B} trials same-day delivery", "A pilot in {c} will test same-day delivery for {p} orders until the summer."),
    ("Interview: {ceo} on {B}'s plans", "{ceo}, who runs {B}'s operations, talks supply chains and the {p}."),
    ("{B} reports stable sales", "{B} reported sales broadly in line with last year, at {m}."),
    ("{B} partners with local college in {c}", "The scheme will offer {n}0 apprenticeships a year, according to {B}."),
    ("{B} announces price list for {p}", "The new price list takes effect next month and covers the {p} range."),
    ("Review: the {B} {p}, six months on", "Our reviewer found the {p} dependable if unremarkable."),
    ("{B} to hold annual meeting in {c}", "Shareholders will meet in {c} on {d}, the company said."),
]
EN["blog_routine"] = [
    ("My week with the {B} {p}", "I borrowed a {p} from {B} for a week. Here are my notes, the good and the meh."),
    ("{B} vs the rest: a comparison", "I compared {B} with three alternatives on price, support and durability."),
    ("Why I keep going back to {B}", "Every year I try something else and every year I end up with {B} again."),
    ("Five tips for the {B} app", "Hidden settings in the {B} app that make it much less annoying."),
    ("The {B} {p} teardown", "We opened the {p} to see what is inside. Mostly glue, some clever bits."),
]
EN["video_routine"] = [
    ("{B} {p} unboxing and first impressions", "First look at the {p}."),
    ("Is the {B} {p} worth it in this year?", "Long-term review."),
    ("{B} {p} tips & tricks", "Ten things you did not know."),
    ("I tried {B} for 30 days", "Honest vlog."),
    ("{B} {p} vs cheaper alternative", "Side by side test."),
]

FR["chatter"] = [
    "Je viens de récupérer le {p} de chez {b}, je vous dis quoi",
    "quelqu'un utilise {b} au boulot ? je me demande ce que ça vaut",
    "{b} {p} reçu aujourd'hui, le carton est plus gros que l'objet mdr",
    "Vu une pub {b} dans le métro ce matin {e}",
    "Passé chez {b} le mois dernier. Pour l'instant rien à dire.",
    "ma mère appelle {b} 'le truc bleu', c'est mignon",
    "Encore la queue devant le magasin {b} à {c}",
    "le {b} {p} en vert est assez joli en vrai",
    "Thread : mon avis honnete apres 3 mois avec {b} {p} 🧵",
    "{b} a sorti une mise à jour, quelqu'un sait ce qui change ?",
    "Je compare {b} et les autres pour un projet, mes notes ici {url}",
    "En télétravail dans un café à {c}, la moitié de la salle est sur {b}",
    "{b} {p} : correct. Ni génial ni nul. Ça fait le job.",
    "Est-ce que {b} livre à {c} ? Leur site est pas clair",
    "premier essai du {b} {p}, souhaitez moi bonne chance",
    "la musique de la pub {b} me reste dans la tete depuis 3 jours",
    "soldes {b} à partir de {d} pour ceux que ça intéresse",
    "encore un podcast sponsorisé par {b}, le 4e cette semaine",
    "Nouveau coloris pour le {b} {p}. {url}",
    "j'avais oublié que {b} existait encore honnetement",
    "la newsletter de {b} est étrangement bien écrite",
    "mon coloc a acheté un {b} {p}, on en a deux maintenant",
    "c'est {b} le logo orange ou je confonds ?",
    "Unboxing du {b} {p} ce soir en live",
    "{b} {p} vs le modèle de l'an dernier, peu de différences perso",
    "J'ai lu les CGU de {b} pour vous (c'est long)",
    "pris {b} parce que c'etait en promo, pas de regret pour l'instant",
    "QUELQU'UN sait si {b} fait des réductions étudiantes ??",
    "boutique éphémère {b} à {c} ce {d}, j'irai peut-être",
    "Petit détail mais l'emballage {b} est recyclable maintenant, cool",
]
FR["question"] = [
    "Comment on résilie un abonnement {b} ? je trouve pas le bouton",
    "Le {b} {p} vaut le coup ou j'attends ?",
    "Quelqu'un a l'adresse mail du SAV {b} ?",
    "l'appli {b} me déconnecte sans arrêt, c'est que moi ?",
    "Question aux clients {b} : combien de temps pour une livraison à {c} ?",
    "elle tient combien la batterie du {b} {p} en vrai",
    "On peut retourner un {b} {p} sans la boite ?",
    "qqn a testé le programme fidélité {b} ? ca vaut le coup ?",
    "@{h} le {p} est compatible avec l'ancienne version ?",
    "{b} est en panne ou c'est mon wifi",
    "{b} a changé ses prix ? Ma facture est différente",
    "ils sont fabriqués où les produits {b} ? vraie question",
    "Je cherche un {b} {p} d'occasion sur {c}, des plans ?",
    "{b} fait les réparations ou faut passer par quelqu'un d'autre",
    "Quelle taille prendre pour le {b} {p} ?",
]
FR["complaint"] = [
    "Livraison {b} encore en retard. 3e fois. {e}",
    "la maj de l'appli {b} a déplacé tous les boutons, pourquoi",
    "40 minutes d'attente au téléphone avec {b}",
    "le {b} {p} ne charge plus après 2 mois, bof",
    "pas convaincu par le service client {b} aujourd'hui",
    "Pourquoi {b} a besoin de mon numéro pour me vendre un {p}",
    "{b} augmente ENCORE ses prix ? sérieux",
    "ma commande {b} est marquée livrée. elle n'est pas livrée.",
    "{b} m'envoie 5 mails par jour. Désabonné.",
    "le {b} {p} grince. à. chaque. fois.",
    "@{h} toujours pas de remboursement depuis {d}",
    "Super, {b} a encore changé la connexion. Exactement ce qu'il me fallait 🙃",
    "le chatbot {b} sert a rien, je veux parler a un humain",
    "Le nouveau {b} {p} fait plus cheap que l'ancien",
    "J'ai renvoyé mon {b} {p}. Pas pour moi.",
]
FR["praise"] = [
    "Merci au SAV {b}, problème réglé en 5 min {e}",
    "le {b} {p} est vraiment top, je m'y attendais pas",
    "{b} m'a remboursé sans discuter. respect",
    "2 ans chez {b}, toujours content",
    "Mon {b} {p} a survécu à une chute dans l'escalier. chapeau",
    "Petite attention de {b} : un mot manuscrit dans le colis {e}",
    "bon je retire ce que j'ai dit, la maj {b} est bien",
    "Équipe super sympa à la boutique {b} de {c} aujourd'hui",
    "Je rachèterais le {b} {p} sans hésiter",
    "livraison {b} arrivee un jour en avance !! {e}",
    "Enfin de la qualité chez {b}, client ravi",
    "mon {b} {p} a 4 ans et marche comme au premier jour",
    "Faut le reconnaitre, {b} a écouté les retours sur l'appli",
    "{b} s'est aligné sur le prix d'un concurrent sans discuter, cool",
    "franchement {b} c'est du solide",
]
FR["news_routine"] = [
    ("{B} ouvre un nouveau site à {c}", "{B} a annoncé {d} l'ouverture d'un site à {c}, avec {n}0 emplois à la clé d'ici deux ans."),
    ("{B} fait évoluer sa gamme {p}", "L'entreprise a présenté des changements mineurs sur sa gamme {p}, à prix constants."),
    ("{B} nomme une nouvelle directrice marketing", "{B} a nommé {ceo} à la direction du marketing, selon un communiqué."),
    ("{B} partenaire du semi-marathon de {c}", "{B} sera le principal partenaire de l'épreuve cette année, ont confirmé les organisateurs."),
    ("Ce qu'il faut attendre de {B} ce trimestre", "Les analystes tablent sur une demande stable pour le {p} de {B}, à marges inchangées."),
    ("{B} élargit ses horaires à {c}", "Les boutiques de {c} resteront ouvertes jusqu'à 21 h en semaine, indique {B}."),
    ("{B} rejoint une filière de recyclage", "{B} fait partie des {n} entreprises qui rejoignent un programme volontaire de recyclage."),
    ("{B} teste la livraison le jour même", "Un pilote à {c} testera la livraison le jour même pour les commandes de {p} jusqu'à l'été."),
    ("Entretien : {ceo} détaille les projets de {B}", "{ceo}, qui dirige les opérations de {B}, évoque la logistique et le {p}."),
    ("{B} affiche des ventes stables", "{B} a publié des ventes proches de celles de l'an dernier, à {m}."),
    ("{B} s'associe à un lycée professionnel de {c}", "Le dispositif prévoit {n}0 apprentis par an, selon {B}."),
    ("Test : le {p} de {B}, six mois après", "Notre testeur l'a trouvé fiable, sans plus."),
    ("{B} tiendra son assemblée générale à {c}", "Les actionnaires se réuniront à {c} {d}, a précisé l'entreprise."),
]
FR["blog_routine"] = [
    ("Une semaine avec le {p} de {B}", "J'ai emprunté un {p} à {B} pendant une semaine. Mes notes, le bon et le moins bon."),
    ("{B} face à la concurrence", "J'ai comparé {B} à trois alternatives : prix, SAV et durabilité."),
    ("Pourquoi je reviens toujours chez {B}", "Chaque année j'essaie autre chose et chaque année je reviens chez {B}."),
    ("Cinq astuces pour l'appli {B}", "Des réglages cachés de l'appli {B} qui la rendent bien moins pénible."),
    ("On a démonté le {p} de {B}", "Ce qu'il y a dedans : beaucoup de colle, quelques idées malines."),
]
FR["video_routine"] = [
    ("{B} {p} : unboxing et premières impressions", "Premier regard sur le {p}."),
    ("Le {p} de {B} vaut-il le coup ?", "Test longue durée."),
    ("{B} {p} : astuces", "Dix choses que vous ne saviez pas."),
    ("J'ai testé {B} pendant 30 jours", "Vlog honnête."),
    ("{B} {p} contre une alternative moins chère", "Comparatif."),
]

# ---------------------------------------------------------------------------------------
# Crises: themes (specific posts + press) and generic reactions that use {tw}
# ---------------------------------------------------------------------------------------
EN["crisis_themes"] = {
    "data_leak": {
        "tw": ["data leak", "data breach", "leaked customer data", "breach"],
        "posts": [
            "So {b} leaked the data of {big} customers and told NOBODY for weeks?? {e}",
            "Just got an email from {b}: my address and card details were in the breach. Great.",
            "{b} breach: passwords stored in plain text. In this year. Unbelievable.",
            "If you have a {b} account change your password NOW. {nurl}",
            "my {b} data is on some forum for sale, thanks a lot {e}",
            "How is {b} still saying 'no sensitive data' when people's IDs are out there",
            "Reported {b} to the data protection authority. Everyone should. #{t}leak",
        ],
        "news": [
            ("{B} confirms data breach affecting {big} customers", "{B} said personal details including addresses and partial card numbers were exposed in an incident first detected weeks ago."),
            ("Regulator opens inquiry into {B} data leak", "The data protection authority said it had received {n}00 complaints since the {B} breach was disclosed."),
            ("{B} customer data found for sale online", "Researchers say a file with {big} records linked to {B} is being offered on a criminal forum."),
            ("What {B} customers should do after the breach", "Security experts advise changing passwords and watching bank statements."),
        ],
    },
    "safety": {
        "tw": ["battery fires", "overheating", "burn injuries", "fire risk"],
        "posts": [
            "A {b} {p} caught fire in my neighbour's kitchen last night. This is not ok. {nurl}",
            "{b} knew the {p} battery overheats and sold it anyway??",
            "My kid got burned by a {b} {p}. Still shaking. {e}",
            "PSA: unplug your {b} {p}. Several fires reported in {c} alone.",
            "{b} calling it 'isolated incidents' while houses are burning {e}",
            "photo of what's left of my {b} {p}. melted. {url}",
            "How many injuries before {b} pulls the {p}?",
        ],
        "news": [
            ("{B} {p} linked to {n} house fires", "Fire services in {c} say a {B} {p} was involved in at least {n} domestic fires since last month."),
            ("Safety agency warns owners of {B} {p}", "Owners are advised to stop charging the device until further notice."),
            ("Families of burn victims demand answers from {B}", "Lawyers for {n} families say {B} received warnings about overheating last year."),
        ],
    },
    "recall": {
        "tw": ["recall", "contamination", "listeria", "food poisoning"],
        "posts": [
            "{b} recall: {p} contaminated with listeria. I fed this to my kids last week {e}",
            "Half of {c} is sick and {b} waited 4 days to recall the {p}??",
            "check your fridge!!! {b} {p} recalled, lots listed here {nurl}",
            "{b} 'voluntary recall' lol after people ended up in hospital",
            "My mum was hospitalised after eating {b} {p}. We are furious.",
            "Never buying {b} again. Food poisoning is not a 'quality incident'.",
            "@{h} why is the {p} still on the shelf in {c} today???",
        ],
        "news": [
            ("{B} recalls {p} after listeria cases", "{B} is recalling several batches of its {p} after {n} people fell ill, health authorities said."),
            ("{n} hospitalised in {B} contamination outbreak", "Health officials are investigating a cluster of cases linked to {B} {p}."),
            ("Recalled {B} products still on sale, inspectors find", "Inspectors found recalled {p} on shelves in {c} two days after the recall."),
        ],
    },
    "discrimination": {
        "tw": ["racism", "discrimination", "racist policy", "discriminatory hiring"],
        "posts": [
            "Leaked {b} memo tells managers not to hire people from certain neighbourhoods. Disgusting. {nurl}",
            "{b} staff refused to serve my friend because of how she looks. Video: {url}",
            "So {b}'s 'culture fit' meant racism all along. #Boycott{t}",
            "former {b} employee here: this memo is real and it's not the first one",
            "{b} apologised for 'any offence caused'. That's not an apology.",
            "Discrimination at {b} {c} store — witnesses are posting everywhere {e}",
            "If you work at {b} and saw this, please speak up. We have your back.",
        ],
        "news": [
            ("{B} memo on hiring sparks discrimination claims", "An internal document seen by {o} instructs managers to screen out applicants by postcode."),
            ("{B} suspends managers after discrimination allegations", "{B} said it had suspended {n} managers pending an independent review."),
            ("Rights groups call for boycott of {B}", "Several associations called on consumers to boycott {B} until it publishes the review."),
        ],
    },
    "fraud": {
        "tw": ["fraud", "hidden fees", "accounting scandal", "scam"],
        "posts": [
            "{b} has been charging hidden fees to everyone for 2 years. Check your statements {nurl}",
            "I found {m} of 'service fees' from {b} I never agreed to {e}",
            "The {b} accounts were cooked. Executives sold shares last month. Funny timing.",
            "{b} = legalised scam. Class action when?",
            "Called {b} about the fees, they hung up on me. Twice.",
            "{ceo} should resign over the {b} fraud, full stop.",
            "Everyone check your {b} invoices. Mine had 3 extra fees.",
        ],
        "news": [
            ("{B} accused of charging undisclosed fees to customers", "An investigation by {o} found {B} added fees worth {m} to customer bills without consent."),
            ("Prosecutors open fraud probe into {B}", "Investigators searched {B}'s offices in {c} on {d}, sources said."),
            ("{B} shares plunge {pct}% on fraud allegations", "Shares of {B} fell sharply after reports of irregularities in its accounts."),
        ],
    },
    "layoffs": {
        "tw": ["layoffs", "mass layoffs", "plant closure", "job cuts"],
        "posts": [
            "{b} cutting {big} jobs the same week executives got bonuses. Sick. {nurl}",
            "My whole team at {b} was fired by email at 7am. No warning.",
            "{b} closing the {c} plant after taking public subsidies?? {e}",
            "Solidarity with the {b} workers in {c}. #Boycott{t}",
            "{ceo} gets a raise, {big} families lose their income. Thanks {b}.",
            "{b} layoffs: they even cancelled people's health cover mid-treatment",
            "Strike at {b} {c} tomorrow, everyone come support",
        ],
        "news": [
            ("{B} to cut {big} jobs, close {c} plant", "{B} announced a restructuring plan including the closure of its {c} site, drawing anger from unions."),
            ("Anger as {B} executives keep bonuses amid layoffs", "Unions said {B} paid {m} in bonuses to senior managers weeks before the cuts."),
            ("Strike spreads across {B} sites", "Workers at {n} {B} sites walked out on {d} in protest at the job cuts."),
        ],
    },
    "pollution": {
        "tw": ["toxic spill", "pollution", "river poisoning", "chemical leak"],
        "posts": [
            "Dead fish all along the river next to the {b} plant in {c}. {url} {e}",
            "{b} dumped chemicals in the river and the town water is now undrinkable??",
            "We can't let our kids play outside in {c} because of the {b} leak",
            "{b} knew about the leak for days. Days. {nurl}",
            "The {b} 'green' ads aged well {e}",
            "Boycott {b} until they clean up {c}. #{t}",
            "Residents in {c} are buying bottled water because of {b}. Share this.",
        ],
        "news": [
            ("Chemical leak at {B} plant pollutes river near {c}", "Authorities banned tap water use in {n} villages after a leak at a {B} facility."),
            ("{B} admits delay in reporting toxic spill", "{B} acknowledged it informed authorities {n} days after the leak was found."),
            ("Residents near {B} site file complaint over pollution", "A group of residents in {c} has filed a complaint against {B}."),
        ],
    },
    "worker_death": {
        "tw": ["worker death", "unsafe conditions", "warehouse accident"],
        "posts": [
            "A worker died at the {b} warehouse in {c} and they kept the shift running. {nurl}",
            "{b} warehouse conditions finally in the news. People have been warning for years.",
            "RIP to the {b} worker in {c}. This should never happen. {e}",
            "{b} statement about the death is 3 lines long. Shameful.",
            "Colleagues say {b} ignored safety complaints for months",
            "Not ordering from {b} anymore. Not after this.",
            "{b} asked staff not to talk to journalists about the accident. Read that again.",
        ],
        "news": [
            ("Worker dies at {B} warehouse in {c}", "A {n}0-year-old employee died after an accident at a {B} logistics site, prosecutors said."),
            ("{B} staff say safety warnings were ignored", "Employees told {o} they had raised concerns about equipment at the {c} site."),
            ("Labour inspectors visit {B} site after fatal accident", "Inspectors are examining safety procedures at the {c} warehouse."),
        ],
    },
}
EN["crisis_generic"] = {
    "angry": [
        "I can't believe {b}. The {tw} thing is beyond anything. {e}",
        "{b} should be ashamed. {tw} and then silence??",
        "Absolutely disgusted with {b} right now",
        "The more I read about the {b} {tw}, the angrier I get",
        "{b} you had ONE job {e}{e}",
        "shame on {b}. shame.",
        "{b} still hasn't said anything real about the {tw}. Cowards.",
        "How is nobody at {b} going to jail for this",
        "WOW {b}. just wow. {e}",
        "Every update on the {b} {tw} is worse than the last",
        "and {b} wonders why nobody trusts them",
        "Oh cool, another {b} {tw}. Totally unexpected. 🙃",
        "{b}'s statement reads like it was written by lawyers for lawyers",
        "This {b} {tw} story is horrifying",
    ],
    "boycott": [
        "Cancelled my {b} account today. Done. #Boycott{t}",
        "Boycott {b}. Share if you agree.",
        "Not spending another penny at {b} after the {tw}",
        "Deleted the {b} app. You should too. #Boycott{t}",
        "#Boycott{t} trending and honestly deserved",
        "Returning everything I bought from {b}. Enough.",
        "Stop buying {b}. It's the only thing they understand.",
    ],
    "share": [
        "Read this about {b}: {nurl}",
        "{b} {tw} — {o} has the details {nurl}",
        "This is bad. {nurl} #{t}",
        "Now in the press: {nurl} {e}",
        "{b} story is getting bigger {nurl}",
        "thread of everything we know so far about the {b} {tw} 🧵 {nurl}",
        "RT: {b} under fire over {tw} {nurl}",
    ],
    "worried": [
        "Wait, does the {b} {tw} affect customers in {c}?",
        "I'm a {b} customer, what should I do about this {tw}??",
        "Is it safe to keep using {b}? genuinely worried",
        "Does anyone know if {b} has a hotline for this?",
        "my parents use {b} every day, should I tell them to stop?",
    ],
    "defend": [
        "Let's wait for the facts before burning {b} down",
        "I've worked with {b} people, they're decent. Hope they fix this fast.",
        "Everyone piling on {b} like they never bought from them lol",
        "to be fair {b} did put out a statement quickly",
    ],
    "neutral": [
        "{b} has published a statement on its website",
        "{b} press conference scheduled for later today",
        "Following the {b} story closely",
        "{b} share price down {pct}% since this morning",
        "Summary of the {b} situation so far: {nurl}",
    ],
}
EN["crisis_blog"] = [
    ("What the {B} {tw} tells us about corporate accountability", "The {B} affair is not an accident but the product of choices. A look at what happened and what should follow."),
    ("{B}: a timeline of the {tw}", "Everything we know, hour by hour, with sources."),
    ("I worked at {B}. Here is what I saw.", "A former employee on the culture that made the {tw} possible."),
]
EN["crisis_video"] = [
    ("{B} {tw} EXPLAINED", "What happened and what to do."),
    ("The {B} scandal is worse than you think", "Breakdown of the documents."),
    ("{B} {tw}: reaction and analysis", "Live."),
]

FR["crisis_themes"] = {
    "data_leak": {
        "tw": ["fuite de données", "piratage", "fuite des données clients"],
        "posts": [
            "Donc {b} a laissé fuiter les données de {big} clients et a rien dit pendant des semaines ?? {e}",
            "Reçu un mail de {b} : mon adresse et ma carte sont dans la fuite. Génial.",
            "Fuite {b} : les mots de passe stockés en clair. En {y}. Incroyable.",
            "Si vous avez un compte {b} changez votre mot de passe MAINTENANT {nurl}",
            "mes donnees {b} sont en vente sur un forum, merci bien {e}",
            "Comment {b} peut encore dire 'pas de données sensibles' alors que des pièces d'identité circulent",
            "J'ai fait une plainte à la CNIL contre {b}. Faites pareil. #fuite{t}",
        ],
        "news": [
            ("{B} confirme une fuite de données touchant {big} clients", "Adresses et numéros de carte partiels ont été exposés lors d'un incident détecté il y a plusieurs semaines, reconnaît {B}."),
            ("La CNIL ouvre une enquête sur la fuite de données de {B}", "Le régulateur dit avoir reçu {n}00 plaintes depuis la révélation de l'incident."),
            ("Des données de clients {B} en vente sur internet", "Un fichier de {big} lignes attribué à {B} est proposé sur un forum criminel, selon des chercheurs."),
            ("Fuite chez {B} : les bons réflexes", "Changer ses mots de passe et surveiller ses relevés, conseillent les experts."),
        ],
    },
    "safety": {
        "tw": ["incendies", "surchauffe", "brûlures", "risque d'incendie"],
        "posts": [
            "Un {b} {p} a pris feu chez mon voisin cette nuit. C'est pas normal. {nurl}",
            "{b} savait que la batterie du {p} chauffe et l'a vendu quand même ??",
            "Mon fils s'est brûlé avec un {b} {p}. Je tremble encore. {e}",
            "Attention : débranchez vos {b} {p}. Plusieurs incendies rien qu'à {c}.",
            "{b} parle d'incidents isolés pendant que des maisons brûlent {e}",
            "ce qu'il reste de mon {b} {p}. fondu. {url}",
            "Combien de blessés avant que {b} retire le {p} ?",
        ],
        "news": [
            ("Le {p} de {B} mis en cause dans {n} incendies", "Les pompiers de {c} indiquent qu'un {p} de {B} est impliqué dans au moins {n} incendies domestiques."),
            ("Les autorités alertent les propriétaires du {p} de {B}", "Il est conseillé de ne plus recharger l'appareil jusqu'à nouvel ordre."),
            ("Des familles de victimes demandent des comptes à {B}", "Les avocats de {n} familles affirment que {B} avait été alerté de surchauffes l'an dernier."),
        ],
    },
    "recall": {
        "tw": ["rappel", "contamination", "listeria", "intoxication"],
        "posts": [
            "Rappel {b} : {p} contaminé à la listeria. J'en ai donné à mes enfants la semaine dernière {e}",
            "La moitié de {c} est malade et {b} attend 4 jours pour rappeler le {p} ??",
            "vérifiez vos frigos !!! {b} {p} rappelé, les lots ici {nurl}",
            "'rappel volontaire' de {b} mdr après des hospitalisations",
            "Ma mère a été hospitalisée après avoir mangé du {b} {p}. On est furieux.",
            "Plus jamais {b}. Une intoxication c'est pas un 'incident qualité'.",
            "@{h} pourquoi le {p} est encore en rayon à {c} aujourd'hui ???",
        ],
        "news": [
            ("{B} rappelle son {p} après des cas de listériose", "{B} procède au rappel de plusieurs lots de {p} après que {n} personnes sont tombées malades."),
            ("{n} hospitalisations liées à des produits {B}", "Les autorités sanitaires enquêtent sur des cas liés au {p} de {B}."),
            ("Des produits {B} rappelés toujours en rayon", "Des inspecteurs ont trouvé du {p} rappelé dans des magasins de {c}, deux jours après le rappel."),
        ],
    },
    "discrimination": {
        "tw": ["racisme", "discrimination", "discrimination à l'embauche"],
        "posts": [
            "Une note interne {b} demande de ne pas recruter dans certains quartiers. Ignoble. {nurl}",
            "Le personnel {b} a refusé de servir mon amie à cause de son apparence. Vidéo : {url}",
            "Donc la 'culture d'entreprise' de {b} c'était du racisme. #Boycott{t}",
            "ancien salarié {b} ici : la note est vraie et c'est pas la première",
            "{b} s'excuse 'si certains ont été offensés'. C'est pas des excuses ça.",
            "Discrimination au magasin {b} de {c}, les témoins postent partout {e}",
            "Si vous bossez chez {b} et que vous avez vu ça, parlez. On est avec vous.",
        ],
        "news": [
            ("Une note de {B} sur le recrutement suscite des accusations de discrimination", "Un document interne consulté par {o} demande d'écarter des candidats selon leur code postal."),
            ("{B} suspend des managers après des accusations de discrimination", "{B} dit avoir suspendu {n} managers dans l'attente d'une enquête indépendante."),
            ("Des associations appellent au boycott de {B}", "Plusieurs associations demandent aux consommateurs de boycotter {B}."),
        ],
    },
    "fraud": {
        "tw": ["fraude", "frais cachés", "arnaque", "scandale comptable"],
        "posts": [
            "{b} prélève des frais cachés à tout le monde depuis 2 ans. Vérifiez vos relevés {nurl}",
            "J'ai trouvé {m} de 'frais de service' {b} jamais acceptés {e}",
            "Les comptes de {b} étaient truqués. Les dirigeants ont vendu leurs actions le mois dernier. Drôle de timing.",
            "{b} = arnaque légale. Action collective quand ?",
            "Appelé {b} pour les frais, ils m'ont raccroché au nez. Deux fois.",
            "{ceo} doit démissionner après la fraude {b}, point.",
            "Vérifiez vos factures {b}. La mienne avait 3 frais en plus.",
        ],
        "news": [
            ("{B} accusé de facturer des frais non déclarés", "Une enquête de {o} révèle que {B} a ajouté {m} de frais aux factures sans consentement."),
            ("Le parquet ouvre une enquête pour fraude visant {B}", "Des perquisitions ont eu lieu {d} au siège de {B} à {c}, selon nos informations."),
            ("L'action {B} chute de {pct}% après des soupçons de fraude", "Le titre a plongé après des informations sur des irrégularités comptables."),
        ],
    },
    "layoffs": {
        "tw": ["licenciements", "plan social", "fermeture d'usine", "suppressions de postes"],
        "posts": [
            "{b} supprime {big} postes la semaine où les dirigeants touchent leurs primes. Écœurant. {nurl}",
            "Toute mon équipe chez {b} virée par mail à 7h. Sans prévenir.",
            "{b} ferme l'usine de {c} après avoir touché des aides publiques ?? {e}",
            "Soutien aux salariés {b} de {c}. #Boycott{t}",
            "{ceo} est augmenté, {big} familles perdent leur salaire. Merci {b}.",
            "Licenciements {b} : ils ont même coupé la mutuelle en plein traitement",
            "Grève chez {b} {c} demain, venez nombreux",
        ],
        "news": [
            ("{B} va supprimer {big} emplois et fermer son site de {c}", "{B} a présenté un plan de restructuration qui prévoit la fermeture du site de {c}, provoquant la colère des syndicats."),
            ("Colère après les primes des dirigeants de {B}", "Les syndicats affirment que {B} a versé {m} de primes à ses cadres dirigeants quelques semaines avant le plan."),
            ("La grève s'étend chez {B}", "Les salariés de {n} sites {B} ont débrayé {d} contre les suppressions de postes."),
        ],
    },
    "pollution": {
        "tw": ["pollution", "fuite toxique", "rivière polluée", "fuite chimique"],
        "posts": [
            "Des poissons morts tout le long de la rivière près de l'usine {b} à {c}. {url} {e}",
            "{b} a déversé des produits chimiques et l'eau du robinet est imbuvable ??",
            "Nos enfants peuvent plus jouer dehors à {c} à cause de la fuite {b}",
            "{b} était au courant depuis des jours. Des jours. {nurl}",
            "Les pubs 'écolo' de {b} ont bien vieilli {e}",
            "Boycott de {b} tant qu'ils n'ont pas dépollué {c}. #{t}",
            "À {c} les gens achètent de l'eau en bouteille à cause de {b}. Partagez.",
        ],
        "news": [
            ("Fuite chimique sur un site {B} : une rivière polluée près de {c}", "L'eau du robinet est interdite dans {n} communes après une fuite sur un site de {B}."),
            ("{B} reconnaît avoir tardé à signaler la fuite", "{B} a admis avoir prévenu les autorités {n} jours après la découverte."),
            ("Des riverains du site {B} portent plainte", "Un collectif d'habitants de {c} a déposé plainte contre {B}."),
        ],
    },
    "worker_death": {
        "tw": ["accident mortel", "mort d'un salarié", "conditions de travail"],
        "posts": [
            "Un salarié est mort à l'entrepôt {b} de {c} et ils ont continué le service. {nurl}",
            "Les conditions de travail chez {b} enfin dans la presse. Ça fait des années qu'on prévient.",
            "Pensées pour le collègue {b} de {c}. Ça n'aurait jamais dû arriver. {e}",
            "Le communiqué {b} sur le décès fait 3 lignes. Honteux.",
            "Des collègues disent que {b} ignorait les alertes sécurité depuis des mois",
            "Je commande plus chez {b}. Plus après ça.",
            "{b} a demandé aux salariés de pas parler aux journalistes. Relisez bien.",
        ],
        "news": [
            ("Un salarié meurt dans un entrepôt {B} à {c}", "Un employé de {n}0 ans est décédé après un accident sur un site logistique de {B}, selon le parquet."),
            ("Chez {B}, des salariés disent avoir alerté sur la sécurité", "Des employés affirment à {o} avoir signalé des problèmes d'équipement sur le site de {c}."),
            ("L'inspection du travail sur le site {B} après l'accident mortel", "Les inspecteurs examinent les procédures de sécurité de l'entrepôt de {c}."),
        ],
    },
}
FR["crisis_generic"] = {
    "angry": [
        "J'hallucine avec {b}. Cette histoire de {tw} c'est au-delà de tout. {e}",
        "{b} devrait avoir honte. {tw} et après silence radio ??",
        "Franchement dégoûté par {b}",
        "Plus je lis sur {b} et {tw}, plus je suis en colère",
        "{b} vous aviez UN seul boulot {e}{e}",
        "honte à {b}. honte.",
        "{b} a toujours rien dit de concret sur {tw}. Lâches.",
        "Comment personne chez {b} finit en prison pour ça",
        "WOW {b}. juste wow. {e}",
        "Chaque nouvelle info sur {b} est pire que la précédente",
        "et {b} se demande pourquoi plus personne leur fait confiance",
        "Ah super, encore un scandale {b}. Quelle surprise. 🙃",
        "le communique de {b} a ete ecrit par des avocats pour des avocats",
        "cette histoire {b} c'est glaçant",
        "{b} c'est vraiment n'importe quoi, scandaleux",
    ],
    "boycott": [
        "Compte {b} résilié aujourd'hui. Terminé. #Boycott{t}",
        "Boycott de {b}. Partagez si vous êtes d'accord.",
        "Plus un centime chez {b} après {tw}",
        "Appli {b} supprimée. Faites pareil. #Boycott{t}",
        "#Boycott{t} en tendance et c'est mérité",
        "Je rends tout ce que j'ai acheté chez {b}. Ça suffit.",
        "Arrêtez d'acheter {b}. C'est le seul langage qu'ils comprennent.",
    ],
    "share": [
        "À lire sur {b} : {nurl}",
        "{b} et {tw} : {o} a les détails {nurl}",
        "C'est grave. {nurl} #{t}",
        "Maintenant dans la presse : {nurl} {e}",
        "L'affaire {b} prend de l'ampleur {nurl}",
        "tout ce qu'on sait sur {b} pour l'instant 🧵 {nurl}",
        "RT : {b} dans la tourmente {nurl}",
    ],
    "worried": [
        "Attendez, {tw} chez {b} ça concerne aussi les clients de {c} ?",
        "Je suis client {b}, je fais quoi ??",
        "On peut continuer à utiliser {b} sans risque ? vraiment inquiet",
        "Quelqu'un sait si {b} a mis en place un numéro pour ça ?",
        "mes parents utilisent {b} tous les jours, je leur dis d'arrêter ?",
    ],
    "defend": [
        "Attendons les faits avant de brûler {b}",
        "J'ai bossé avec des gens de {b}, ils sont corrects. J'espère qu'ils vont vite régler ça.",
        "Tout le monde tape sur {b} comme s'ils avaient jamais rien acheté chez eux mdr",
        "pour être honnête {b} a communiqué rapidement",
    ],
    "neutral": [
        "{b} a publié un communiqué sur son site",
        "Conférence de presse de {b} prévue dans la journée",
        "Je suis l'affaire {b} de près",
        "L'action {b} perd {pct}% depuis ce matin",
        "Résumé de la situation {b} : {nurl}",
    ],
}
FR["crisis_blog"] = [
    ("Ce que l'affaire {B} dit de la responsabilité des entreprises", "L'affaire {B} n'est pas un accident mais le résultat de choix. Retour sur les faits."),
    ("{B} : la chronologie de {tw}", "Tout ce que l'on sait, heure par heure, sources à l'appui."),
    ("J'ai travaillé chez {B}. Voilà ce que j'ai vu.", "Un ancien salarié raconte la culture qui a rendu cela possible."),
]
FR["crisis_video"] = [
    ("{B} : {tw}, on vous explique", "Ce qui s'est passé et quoi faire."),
    ("Le scandale {B} est pire que vous ne le pensez", "Décryptage des documents."),
    ("Affaire {B} : réaction et analyse", "En direct."),
]

# ---------------------------------------------------------------------------------------
# Bad buzz: a few loud accounts, sympathisers, mockery; short-lived
# ---------------------------------------------------------------------------------------
EN["badbuzz_themes"] = {
    "clumsy_ad": {
        "instigator": [
            "Who approved this {b} ad?? 'Be less of a burden' for a {p}. Yikes. {url}",
            "The new {b} ad is genuinely tone deaf. Watch it and tell me I'm wrong {url}",
            "{b} marketing team really said 'let's mock single mums' and everyone nodded",
            "Still thinking about that {b} ad. How. HOW. {e}",
        ],
        "echo": [
            "that {b} ad is so cringe {e}",
            "lmao the {b} ad, someone is getting fired",
            "agree with @{inf}, the {b} ad is awful",
            "{b} please fire your agency",
            "I watched the {b} ad twice to be sure. It's bad.",
            "#{t}Ad is the funniest thing on my feed today",
        ],
    },
    "influencer": {
        "instigator": [
            "{b} lost my parcel and support told me to 'be patient'. {n} weeks. Never again. @{h}",
            "Honestly done with {b}. Their support just laughed at me on the phone. {e}",
            "Update on my {b} saga: they closed my ticket without reading it 🙃",
            "To everyone asking: no, {b} still hasn't answered. Keep tagging them @{h}",
        ],
        "echo": [
            "same thing happened to me with {b} last year!!",
            "sending support @{inf}, {b} is the worst for this",
            "{b} treating @{inf} like that is wild",
            "+1 {b} support is useless",
            "@{h} answer her!!",
            "if {b} treats @{inf} like that imagine how they treat us",
        ],
    },
    "meme": {
        "instigator": [
            "the new {b} {p} looks exactly like a toaster and I can't unsee it {url} {e}",
            "me explaining to my landlord why the {b} {p} is making noises at 3am {url}",
            "{b} {p} design meeting, probably: {url} {e}",
        ],
        "echo": [
            "NOT THE TOASTER {e}{e}",
            "I will never look at my {b} {p} the same way {e}",
            "the {b} toaster meme is killing me",
            "lmaooo {b} really did that",
            "{b} {p} = toaster confirmed",
            "someone photoshop bread into the {b} {p} pls",
        ],
    },
    "ceo_quote": {
        "instigator": [
            "{b} CEO {ceo} says 'customers don't read the fine print anyway'. Cool cool cool. {url}",
            "Did {ceo} of {b} really say people 'complain too much'? {e}",
            "{b}'s boss in an interview: 'we could charge more and people would still pay'. Noted.",
        ],
        "echo": [
            "the {b} CEO quote is peak out of touch",
            "'complain too much' says the {b} guy lol",
            "{ceo} needs a media trainer asap {e}",
            "{b} PR team having a long day",
            "not me reading the {b} interview and laughing",
            "well, at least {ceo} is honest? {e}",
        ],
    },
    "logo": {
        "instigator": [
            "{b} spent who knows how much on a new logo and it looks like a sad jellybean {url}",
            "The {b} rebrand is... a choice. {e}",
            "Can we talk about the new {b} logo for a second {url}",
        ],
        "echo": [
            "the {b} logo looks like my nephew drew it",
            "{b} bring back the old logo",
            "the new {b} font is making me physically ill {e}",
            "rating the {b} rebrand: 2/10",
            "sad jellybean {b} lmao",
            "I'm sure the {b} logo agency got paid millions for that {e}",
        ],
    },
}
EN["badbuzz_generic"] = {
    "mock": [
        "{b} trending for all the wrong reasons again {e}",
        "{b} intern please log off",
        "watching {b} get ratioed with popcorn 🍿",
        "who runs the {b} social account, genuinely",
        "the {b} replies are a goldmine today",
    ],
    "defend": [
        "it's an ad, calm down, {b} isn't the devil",
        "Honestly {b} has been fine for me, this will blow over",
        "people really need something to be mad at today huh. {b} this time",
        "tomorrow nobody will remember this {b} thing",
    ],
    "meh": [
        "what's going on with {b}? my feed is full of it",
        "ok I missed something, why is everyone talking about {b}",
        "{b} drama of the day, I see",
    ],
}
EN["badbuzz_news"] = [
    ("{B} ad draws online mockery", "A new advertisement for the {p} was widely mocked on social media on {d}."),
    ("{B} responds to viral complaint", "{B} said it was in contact with the customer and apologised for the delay."),
    ("Social media has fun with {B}'s new look", "The redesign has inspired a wave of memes, though the company says it is pleased with it."),
]
EN["badbuzz_blog"] = [
    ("Lessons from the {B} social media blunder", "Another brand learns the hard way that tone matters. A few takeaways."),
]

FR["badbuzz_themes"] = {
    "clumsy_ad": {
        "instigator": [
            "Qui a validé cette pub {b} ?? 'Soyez moins un fardeau' pour un {p}. Aïe. {url}",
            "La nouvelle pub {b} est vraiment à côté de la plaque. Regardez et dites-moi que j'ai tort {url}",
            "L'équipe marketing de {b} s'est dit 'on va se moquer des mères célibataires' et tout le monde a validé",
            "Je pense encore à cette pub {b}. Comment. COMMENT. {e}",
        ],
        "echo": [
            "la pub {b} est tellement gênante {e}",
            "mdr la pub {b}, quelqu'un va se faire virer",
            "d'accord avec @{inf}, la pub {b} est nulle",
            "{b} changez d'agence svp",
            "J'ai regardé la pub {b} deux fois pour être sûr. C'est raté.",
            "#{t}Pub c'est ce qu'il y a de plus drôle sur mon fil aujourd'hui",
        ],
    },
    "influencer": {
        "instigator": [
            "{b} a perdu mon colis et le SAV me dit 'patience'. {n} semaines. Plus jamais. @{h}",
            "Franchement j'en ai fini avec {b}. Le SAV s'est moqué de moi au téléphone. {e}",
            "Suite de ma saga {b} : ticket fermé sans être lu 🙃",
            "Pour ceux qui demandent : non, {b} n'a toujours pas répondu. Continuez à les tagger @{h}",
        ],
        "echo": [
            "pareil pour moi avec {b} l'an dernier !!",
            "courage @{inf}, {b} est nul pour ça",
            "{b} qui traite @{inf} comme ça c'est fou",
            "+1 le SAV {b} sert à rien",
            "@{h} répondez-lui !!",
            "si {b} traite @{inf} comme ça imaginez nous",
        ],
    },
    "meme": {
        "instigator": [
            "le nouveau {b} {p} ressemble trait pour trait à un grille-pain et je peux plus le voir autrement {url} {e}",
            "moi qui explique à mon proprio pourquoi le {b} {p} fait du bruit à 3h du mat {url}",
            "réunion design du {b} {p}, probablement : {url} {e}",
        ],
        "echo": [
            "PAS LE GRILLE-PAIN {e}{e}",
            "je regarderai plus jamais mon {b} {p} pareil {e}",
            "le meme du grille-pain {b} me tue",
            "ptdr {b} a vraiment fait ça",
            "{b} {p} = grille-pain confirmé",
            "quelqu'un peut photoshopper une tartine dans le {b} {p} svp",
        ],
    },
    "ceo_quote": {
        "instigator": [
            "Le PDG de {b}, {ceo} : 'les clients ne lisent pas les petites lignes de toute façon'. Bien bien bien. {url}",
            "{ceo} de {b} a vraiment dit que les gens 'se plaignent trop' ? {e}",
            "Le patron de {b} en interview : 'on pourrait facturer plus, les gens paieraient'. C'est noté.",
        ],
        "echo": [
            "la phrase du PDG de {b} c'est hors sol",
            "'se plaignent trop' dit le mec de {b} mdr",
            "{ceo} a besoin d'un media training vite {e}",
            "longue journée pour la com de {b}",
            "moi qui lis l'interview {b} en rigolant",
            "au moins {ceo} est honnête ? {e}",
        ],
    },
    "logo": {
        "instigator": [
            "{b} a dépensé on sait pas combien pour un logo qui ressemble à un bonbon triste {url}",
            "Le nouveau logo {b}... c'est un choix. {e}",
            "On peut parler deux secondes du nouveau logo {b} {url}",
        ],
        "echo": [
            "le logo {b} on dirait que mon neveu l'a dessiné",
            "{b} rendez-nous l'ancien logo",
            "la nouvelle police {b} me fait mal aux yeux {e}",
            "note du rebranding {b} : 2/10",
            "bonbon triste {b} ptdr",
            "l'agence du logo {b} a sûrement touché des millions pour ça {e}",
        ],
    },
}
FR["badbuzz_generic"] = {
    "mock": [
        "{b} en tendance pour les mauvaises raisons encore {e}",
        "le stagiaire de {b} peut se déconnecter svp",
        "je regarde {b} se faire ratio avec du popcorn 🍿",
        "qui gère le compte de {b}, sérieux",
        "les réponses sous le post {b} c'est une mine d'or",
    ],
    "defend": [
        "c'est une pub, calmez-vous, {b} c'est pas le diable",
        "Perso {b} ça va très bien, ça va passer",
        "les gens ont besoin d'être en colère contre un truc aujourd'hui. {b} cette fois",
        "demain plus personne se souviendra de ce truc {b}",
    ],
    "meh": [
        "il se passe quoi avec {b} ? mon fil en est plein",
        "j'ai raté un épisode, pourquoi tout le monde parle de {b}",
        "le drama {b} du jour, je vois",
    ],
}
FR["badbuzz_news"] = [
    ("La pub de {B} moquée sur les réseaux", "Une nouvelle publicité pour le {p} a été largement tournée en dérision {d}."),
    ("{B} répond à une réclamation devenue virale", "{B} indique être en contact avec la cliente et s'excuse du retard."),
    ("Le nouveau logo de {B} inspire les internautes", "La refonte a suscité une vague de détournements, l'entreprise se dit satisfaite."),
]
FR["badbuzz_blog"] = [
    ("Ce que le bad buzz {B} nous apprend", "Encore une marque qui apprend que le ton compte. Quelques leçons."),
]

# ---------------------------------------------------------------------------------------
# Bot floods: near-identical bases, varied by the generator
# ---------------------------------------------------------------------------------------
EN["flood_promo"] = [
    "🔥 {b} {p} at {pct}% OFF today only!! Claim yours 👉 {url}",
    "FREE {b} {p} giveaway — follow + RT to win! {url}",
    "Get the {b} {p} for just {m}! Limited stock {url}",
    "I got my {b} {p} for FREE using this link 😱 {url}",
    "{b} mega deal: {pct}% discount code inside {url}",
]
EN["flood_attack"] = [
    "{b} is a SCAM. Do not buy. Tell everyone. {url}",
    "{b} steals your money. Stay away from {b}!!!",
    "Avoid {b}. Worst company ever. #{t}Scam",
    "{b} products are dangerous, they hide the truth {url}",
    "Never trust {b}. They lie to customers. #Boycott{t}",
]
FR["flood_promo"] = [
    "🔥 {b} {p} à -{pct}% aujourd'hui seulement !! Profitez-en 👉 {url}",
    "CONCOURS {b} {p} à gagner — abonne-toi + RT ! {url}",
    "Le {b} {p} pour seulement {m} ! Stock limité {url}",
    "J'ai eu mon {b} {p} GRATUIT avec ce lien 😱 {url}",
    "Méga promo {b} : code -{pct}% ici {url}",
]
FR["flood_attack"] = [
    "{b} c'est une ARNAQUE. N'achetez pas. Faites tourner. {url}",
    "{b} vole votre argent. Fuyez {b} !!!",
    "Évitez {b}. Pire entreprise qui existe. #Arnaque{t}",
    "Les produits {b} sont dangereux, ils cachent la vérité {url}",
    "Ne faites jamais confiance à {b}. Menteurs. #Boycott{t}",
]

# ---------------------------------------------------------------------------------------
# Positive buzz
# ---------------------------------------------------------------------------------------
EN["positive_themes"] = {
    "good_deed": {
        "posts": [
            "{b} just donated {big} {p}s to schools in {c}. Love to see it {e}",
            "Wholesome: a {b} delivery driver helped an old man get home in {c} {url}",
            "{b} paying for the repairs of that community centre in {c}? Respect {e}",
            "This {b} story made my day {url}",
        ],
        "news": [
            ("{B} donates {big} {p}s to {c} schools", "The company said the donation is part of a long-term education programme."),
            ("{B} employee praised for helping stranded pensioner", "The story of a {B} driver in {c} has been shared thousands of times."),
        ],
    },
    "award": {
        "posts": [
            "{b} {p} just won product of the year!! well deserved {e}",
            "Congrats to the {b} team, the {p} award is deserved",
            "told you all the {b} {p} was good {e} {url}",
            "{b} winning awards, about time",
        ],
        "news": [
            ("{B} {p} named product of the year", "The jury praised the {p}'s durability and repairability."),
            ("{B} wins design award for {p}", "The {p} took the top prize at the annual awards in {c}."),
        ],
    },
    "great_launch": {
        "posts": [
            "The new {b} {p} is AMAZING. Best thing I've bought this year {e}",
            "{b} actually cooked with the new {p} {e}{e}",
            "Reviews of the new {b} {p} are glowing, getting one",
            "ok {b}, you win. the new {p} is incredible",
        ],
        "news": [
            ("First reviews: {B}'s new {p} impresses", "Critics praise the new model's battery and build quality."),
            ("{B} {p} sells out in hours", "The new {p} sold out on its first day in {c}, the company said."),
        ],
    },
}
EN["positive_generic"] = [
    "Love {b} {e}",
    "{b} keeps winning {e}",
    "this is why I stay with {b}",
    "big fan of what {b} is doing lately",
    "{b} 👏👏👏",
    "Good job {b}, really",
    "more brands should be like {b}",
    "proud to be a {b} customer today",
]
FR["positive_themes"] = {
    "good_deed": {
        "posts": [
            "{b} vient de donner {big} {p} aux écoles de {c}. Trop bien {e}",
            "Trop mignon : un livreur {b} a raccompagné un papi chez lui à {c} {url}",
            "{b} paie les travaux de la maison de quartier de {c} ? Respect {e}",
            "Cette histoire {b} m'a fait ma journée {url}",
        ],
        "news": [
            ("{B} offre {big} {p} aux écoles de {c}", "L'entreprise inscrit ce don dans un programme éducatif de long terme."),
            ("Un livreur {B} salué pour avoir aidé un retraité", "L'histoire d'un livreur {B} à {c} a été partagée des milliers de fois."),
        ],
    },
    "award": {
        "posts": [
            "Le {b} {p} élu produit de l'année !! mérité {e}",
            "Bravo à l'équipe {b}, le prix du {p} est mérité",
            "je vous avais dit que le {b} {p} était bien {e} {url}",
            "{b} qui gagne des prix, enfin",
        ],
        "news": [
            ("Le {p} de {B} élu produit de l'année", "Le jury a salué la durabilité et la réparabilité du {p}."),
            ("{B} primé pour le design de son {p}", "Le {p} a remporté le premier prix lors de la cérémonie à {c}."),
        ],
    },
    "great_launch": {
        "posts": [
            "Le nouveau {b} {p} est GÉNIAL. Meilleur achat de l'année {e}",
            "{b} a frappé fort avec le nouveau {p} {e}{e}",
            "Les tests du nouveau {b} {p} sont dithyrambiques, je craque",
            "ok {b}, vous avez gagné. le nouveau {p} est incroyable",
        ],
        "news": [
            ("Premiers tests : le nouveau {p} de {B} convainc", "Les critiques saluent l'autonomie et la finition."),
            ("Le {p} de {B} en rupture en quelques heures", "Le nouveau {p} était épuisé dès le premier jour à {c}, selon l'entreprise."),
        ],
    },
}
FR["positive_generic"] = [
    "J'adore {b} {e}",
    "{b} au top {e}",
    "c'est pour ça que je reste chez {b}",
    "grand fan de ce que fait {b} en ce moment",
    "{b} 👏👏👏",
    "Bien joué {b}, vraiment",
    "plus de marques devraient faire comme {b}",
    "fier d'être client {b} aujourd'hui",
]

# ---------------------------------------------------------------------------------------
# Neutral news spike
# ---------------------------------------------------------------------------------------
EN["newsspike_themes"] = {
    "earnings": {
        "news": [
            ("{B} reports quarterly revenue of {m}", "{B} posted revenue of {m} for the quarter, in line with analyst expectations."),
            ("{B} results: sales up {pct}%", "Sales rose {pct}% year on year, driven by the {p}, the company said on {d}."),
            ("{B} keeps full-year guidance", "{B} maintained its outlook for the year after publishing quarterly figures."),
        ],
        "shares": ["{b} results are out {nurl}", "{b} quarterly numbers: {nurl}", "{b} earnings, no big surprise {nurl}",
                   "Interesting bit in the {b} results about the {p}"],
    },
    "launch": {
        "news": [
            ("{B} unveils new {p}", "{B} presented the new {p} at an event in {c} on {d}; it goes on sale next month."),
            ("{B} {p}: price and release date", "The {p} will cost {m} and be available from next month."),
            ("Hands-on with the new {B} {p}", "We spent an hour with the {p} at the {c} launch event."),
        ],
        "shares": ["{b} announced the new {p} {nurl}", "{b} {p} event happening now", "new {b} {p}, thoughts? {nurl}",
                   "{b} {p} price is out {nurl}"],
    },
    "ceo_change": {
        "news": [
            ("{B} appoints {ceo} as chief executive", "{ceo} will take over as CEO of {B} next month, the board said."),
            ("Who is {ceo}, {B}'s new boss?", "A profile of the executive chosen to lead {B}."),
            ("{B} leadership change: what it means", "Analysts say the appointment signals continuity."),
        ],
        "shares": ["{b} has a new CEO {nurl}", "{ceo} to lead {b} {nurl}", "new boss at {b}, let's see"],
    },
    "partnership": {
        "news": [
            ("{B} signs distribution deal in {c}", "{B} will sell the {p} through a regional retail network under the agreement."),
            ("{B} and city of {c} sign mobility partnership", "The deal covers a three-year pilot."),
            ("{B} expands to {n} new markets", "The company said it would enter {n} new countries this year."),
        ],
        "shares": ["{b} expanding {nurl}", "{b} deal announced {nurl}", "{b} coming to {c} apparently {nurl}"],
    },
}
EN["newsspike_generic"] = [
    "{b} in the news today {nurl}",
    "Reading about {b} {nurl}",
    "{b} announcement {nurl}",
    "so {b} announced something, details {nurl}",
]
FR["newsspike_themes"] = {
    "earnings": {
        "news": [
            ("{B} publie un chiffre d'affaires trimestriel de {m}", "{B} affiche {m} de chiffre d'affaires sur le trimestre, conforme aux attentes."),
            ("Résultats {B} : ventes en hausse de {pct}%", "Les ventes progressent de {pct}% sur un an, portées par le {p}."),
            ("{B} maintient ses objectifs annuels", "{B} confirme ses prévisions après la publication de ses comptes."),
        ],
        "shares": ["les résultats {b} sont sortis {nurl}", "chiffres trimestriels {b} : {nurl}", "résultats {b}, pas de surprise {nurl}",
                   "Intéressant le passage sur le {p} dans les résultats {b}"],
    },
    "launch": {
        "news": [
            ("{B} dévoile son nouveau {p}", "{B} a présenté le nouveau {p} lors d'un événement à {c} {d} ; commercialisation le mois prochain."),
            ("{B} {p} : prix et date de sortie", "Le {p} coûtera {m} et sera disponible le mois prochain."),
            ("Prise en main du nouveau {p} de {B}", "Nous avons passé une heure avec le {p} à {c}."),
        ],
        "shares": ["{b} a annoncé le nouveau {p} {nurl}", "keynote {b} {p} en cours", "nouveau {b} {p}, vous en pensez quoi ? {nurl}",
                   "le prix du {b} {p} est tombé {nurl}"],
    },
    "ceo_change": {
        "news": [
            ("{B} nomme {ceo} directeur général", "{ceo} prendra la tête de {B} le mois prochain, a annoncé le conseil."),
            ("Qui est {ceo}, le nouveau patron de {B} ?", "Portrait du dirigeant choisi pour diriger {B}."),
            ("Changement de direction chez {B} : ce que ça change", "Pour les analystes, la nomination s'inscrit dans la continuité."),
        ],
        "shares": ["nouveau DG chez {b} {nurl}", "{ceo} à la tête de {b} {nurl}", "nouveau patron chez {b}, on verra"],
    },
    "partnership": {
        "news": [
            ("{B} signe un accord de distribution à {c}", "{B} vendra le {p} via un réseau régional de magasins."),
            ("{B} et la ville de {c} signent un partenariat", "L'accord porte sur une expérimentation de trois ans."),
            ("{B} s'implante dans {n} nouveaux pays", "L'entreprise prévoit {n} nouveaux marchés cette année."),
        ],
        "shares": ["{b} se développe {nurl}", "accord annoncé pour {b} {nurl}", "{b} arrive à {c} apparemment {nurl}"],
    },
}
FR["newsspike_generic"] = [
    "{b} dans l'actu aujourd'hui {nurl}",
    "Lu sur {b} : {nurl}",
    "annonce {b} {nurl}",
    "{b} a annoncé un truc, détails ici {nurl}",
]

# ---------------------------------------------------------------------------------------
# Off-topic (must match no brand query): general chatter and homonyms excluded by NOT
# ---------------------------------------------------------------------------------------
EN["offtopic"] = [
    "Train delayed again this morning, classic {d}",
    "Anyone got a good soup recipe for a cold evening?",
    "The match last night was unreal {e}",
    "Traffic in {c} is a nightmare today",
    "new phone who dis",
    "Reading a great book about the history of maps",
    "my cat has decided 5am is breakfast time",
    "Rain all week in {c}. Of course.",
    "Bank holiday plans anyone?",
    "Coffee number three and it's not even 10",
    "Finally fixed my bike brakes, feeling like an engineer",
    "Concert tickets sold out in 4 minutes, what is this",
    "Power cut on our street, candles out",
    "Has anyone been to the new museum in {c}?",
    "Hot take: pineapple on pizza is fine",
]
EN["homonym"] = [
    "Hiking around {hom} this weekend, the views are stunning {e}",
    "Photos from our trip to {hom} {url}",
    "{hom} is flooded again after the storm",
    "Anyone know a good campsite near {hom}?",
    "Local council meeting about the {hom} footpath on {d}",
]
FR["offtopic"] = [
    "Encore un train en retard ce matin, classique du {d}",
    "Quelqu'un a une bonne recette de soupe pour ce soir ?",
    "Le match d'hier soir c'était dingue {e}",
    "Les bouchons à {c} aujourd'hui c'est l'enfer",
    "Je lis un super bouquin sur l'histoire des cartes",
    "mon chat a décidé que 5h c'est l'heure du petit dej",
    "Pluie toute la semaine à {c}. Évidemment.",
    "Des plans pour le pont ?",
    "Troisième café et il est pas 10h",
    "J'ai enfin réparé les freins de mon vélo, je me sens ingénieur",
    "Places de concert épuisées en 4 minutes, c'est quoi ce délire",
    "Coupure de courant dans la rue, on sort les bougies",
    "Quelqu'un est allé au nouveau musée de {c} ?",
    "Avis impopulaire : l'ananas sur la pizza c'est bon",
    "vivement les vacances franchement",
]
FR["homonym"] = [
    "Rando autour de {hom} ce week-end, la vue est magnifique {e}",
    "Photos de notre virée à {hom} {url}",
    "{hom} encore inondé après l'orage",
    "Quelqu'un connaît un camping près de {hom} ?",
    "Réunion du conseil municipal sur le sentier de {hom} {d}",
]

BANKS = {"en": EN, "fr": FR}
