"""Sentence banks of the fourth scenario generator (bench/scenarios_gen4.py), EN and FR.

Written blind, from the issue's text only, by a helper session that read neither the
detection code nor the other generators' texts.

Slots: {b} brand as written, {p} product, {rv} rival, {pl} place, {n} number,
{h} brand handle, {tag} / {bt} brand hashtag, {iss} crisis issue (long), {iss_s} issue
(short), {kw} crisis hashtag word, {trig} what set a buzz off, and for shared news articles
{t} title, {url} link, {o} outlet, {s} short subject.
"""

SECTORS = {
    "food": {
        "en": ["yogurt", "granola bars", "baby formula", "frozen pizza", "crisps", "oat milk", "ready meals"],
        "fr": ["yaourt nature", "lait infantile", "biscuit au chocolat", "plat préparé", "jus d'orange", "fromage râpé", "muesli"],
        "themes": ["contamination", "ceo", "greenwashing", "labour"],
    },
    "telecom": {
        "en": ["fibre box", "mobile plan", "5G network", "app", "router", "prepaid SIM"],
        "fr": ["abonnement fibre", "forfait mobile", "réseau 5G", "décodeur TV", "routeur", "forfait prépayé"],
        "themes": ["breach", "service_down", "ceo"],
    },
    "travel": {
        "en": ["flights", "booking app", "loyalty card", "night train", "luggage service"],
        "fr": ["vol low cost", "site de réservation", "programme de fidélité", "train de nuit", "service bagages"],
        "themes": ["passenger", "service_down", "breach"],
    },
    "cosmetics": {
        "en": ["shampoo", "face cream", "mascara", "sunscreen", "deodorant"],
        "fr": ["shampoing", "soin visage", "mascara", "gel douche", "déodorant"],
        "themes": ["ingredient", "greenwashing", "ceo"],
    },
    "electronics": {
        "en": ["earbuds", "e-bike", "phone charger", "smart speaker", "power bank", "smartwatch"],
        "fr": ["casque audio", "vélo électrique", "chargeur rapide", "haut-parleur connecté", "smartphone", "ordinateur portable"],
        "themes": ["battery", "breach", "labour"],
    },
    "bank": {
        "en": ["banking app", "debit card", "savings account", "mortgage", "credit card"],
        "fr": ["compte courant", "livret d'épargne", "prêt immobilier", "service en ligne", "découvert autorisé"],
        "themes": ["breach", "frozen", "ceo"],
    },
    "retail": {
        "en": ["home delivery", "click and collect", "loyalty app", "store brand", "sneakers"],
        "fr": ["service de livraison", "drive", "programme fidélité", "rayon bio", "service après-vente"],
        "themes": ["labour", "discrimination", "ceo"],
    },
}

# crisis issues: (long, short, hashtag word)
ISSUES = {
    "contamination": {
        "en": [("the listeria found in their {p}", "listeria contamination", "listeria"),
               ("pieces of glass found in their {p}", "glass in products", "recall"),
               ("children falling ill after eating their {p}", "food poisoning cases", "poisoning")],
        "fr": [("la listeria retrouvée dans leur {p}", "contamination à la listeria", "listeria"),
               ("les morceaux de verre retrouvés dans leur {p}", "bouts de verre dans les produits", "rappel"),
               ("les enfants malades après avoir mangé leur {p}", "intoxications alimentaires", "intoxication")],
    },
    "breach": {
        "en": [("the data breach that leaked millions of customer records", "massive data breach", "databreach"),
               ("hackers getting hold of customers' card numbers", "card data leak", "hack")],
        "fr": [("la fuite de données de millions de clients", "fuite de données massive", "fuitededonnees"),
               ("le piratage des numéros de carte des clients", "piratage des cartes bancaires", "piratage")],
    },
    "service_down": {
        "en": [("the outage that has left customers stranded for two days", "two-day outage", "outage"),
               ("thousands of people cut off without any warning", "nationwide blackout", "down")],
        "fr": [("la panne qui laisse les clients sans service depuis deux jours", "panne géante", "panne"),
               ("des milliers de clients coupés sans prévenir", "coupure nationale", "panne")],
    },
    "passenger": {
        "en": [("the video of staff dragging a passenger off the plane", "passenger dragged off", "shame"),
               ("hundreds of families abandoned at the airport overnight", "families stranded at airport", "stranded")],
        "fr": [("la vidéo d'un passager traîné hors de l'avion par le personnel", "passager expulsé de force", "honte"),
               ("les centaines de familles abandonnées à l'aéroport toute la nuit", "familles abandonnées à l'aéroport", "scandale")],
    },
    "ingredient": {
        "en": [("the banned carcinogenic ingredient in their {p}", "carcinogen in products", "toxic"),
               ("the {p} that gave hundreds of people chemical burns", "chemical burns", "burns")],
        "fr": [("l'ingrédient cancérigène interdit dans leur {p}", "ingrédient cancérigène", "toxique"),
               ("les brûlures chimiques causées par leur {p}", "brûlures chimiques", "brulures")],
    },
    "battery": {
        "en": [("their {p} catching fire while charging", "battery fires", "fire"),
               ("the {p} that exploded in a child's bedroom", "exploding batteries", "recall")],
        "fr": [("leur {p} qui prend feu pendant la charge", "batteries qui prennent feu", "incendie"),
               ("le {p} qui a explosé dans une chambre d'enfant", "batteries qui explosent", "rappel")],
    },
    "frozen": {
        "en": [("thousands of accounts frozen without explanation", "frozen accounts", "frozen"),
               ("customers' salaries vanishing from their accounts", "missing salaries", "scandal")],
        "fr": [("les milliers de comptes bloqués sans explication", "comptes bloqués", "comptesbloques"),
               ("les salaires disparus des comptes des clients", "salaires disparus", "scandale")],
    },
    "ceo": {
        "en": [("the CEO's racist remarks caught on camera", "CEO's racist remarks", "boycott"),
               ("the CEO mocking customers who lost their jobs", "CEO mocking customers", "boycott")],
        "fr": [("les propos racistes du PDG filmés en réunion", "propos racistes du PDG", "boycott"),
               ("le PDG qui se moque des clients au chômage", "PDG méprisant", "boycott")],
    },
    "greenwashing": {
        "en": [("the fake 'eco' claims while they dump waste in the river", "river pollution", "greenwashing"),
               ("the illegal deforestation in their supply chain", "deforestation scandal", "greenwashing")],
        "fr": [("les fausses promesses écolo pendant qu'ils polluent la rivière", "pollution de la rivière", "greenwashing"),
               ("la déforestation illégale chez leurs fournisseurs", "scandale de déforestation", "greenwashing")],
    },
    "labour": {
        "en": [("warehouse workers forced to work 14-hour shifts", "worker abuse", "boycott"),
               ("the child labour found at their suppliers", "child labour scandal", "boycott")],
        "fr": [("les salariés des entrepôts forcés de travailler 14 heures par jour", "maltraitance des salariés", "boycott"),
               ("le travail des enfants chez leurs fournisseurs", "travail des enfants", "boycott")],
    },
    "discrimination": {
        "en": [("security staff refusing entry to Black customers", "racial profiling", "boycott"),
               ("the leaked memo telling managers not to hire older people", "age discrimination memo", "discrimination")],
        "fr": [("les vigiles qui refusent l'entrée à des clients noirs", "contrôles au faciès", "boycott"),
               ("la note interne demandant de ne pas embaucher de seniors", "discrimination à l'embauche", "discrimination")],
    },
}

PLACES = {
    "en": ["Leeds", "Manchester", "Toronto", "Dublin", "Bristol", "Boston", "Glasgow", "Denver", "Cardiff", "Austin"],
    "fr": ["Lyon", "Nantes", "Lille", "Bordeaux", "Rennes", "Toulouse", "Grenoble", "Montpellier", "Strasbourg", "Nice"],
}

OUTLETS = {
    "en": [("The Morning Ledger", "morningledger.example.com"), ("Daily Courier", "dailycourier.example.com"),
           ("Metro Herald", "metroherald.example.com"), ("Business Desk", "businessdesk.example.com"),
           ("The Northern Post", "northernpost.example.com"), ("City Wire", "citywire.example.com"),
           ("Consumer Watch News", "consumerwatch.example.com"), ("The Evening Star", "eveningstar.example.com"),
           ("Tech Brief", "techbrief.example.com"), ("National Tribune", "nationaltribune.example.com"),
           ("Market Journal", "marketjournal.example.com"), ("The Standard Times", "standardtimes.example.com"),
           ("Radio 5 Online", "radio5online.example.com"), ("Channel 9 News", "channel9news.example.com"),
           ("The Gazette", "thegazette.example.com"), ("Pacific Dispatch", "pacificdispatch.example.com")],
    "fr": [("Le Quotidien du Centre", "quotidienducentre.example.fr"), ("L'Écho Matinal", "echomatinal.example.fr"),
           ("Ouest Info", "ouestinfo.example.fr"), ("Le Journal des Affaires", "journaldesaffaires.example.fr"),
           ("La Dépêche du Sud", "depechedusud.example.fr"), ("Info Conso", "infoconso.example.fr"),
           ("Le Républicain", "lerepublicain.example.fr"), ("Radio Cité", "radiocite.example.fr"),
           ("TéléNord", "telenord.example.fr"), ("Le Petit Économiste", "petiteconomiste.example.fr"),
           ("Paris Matin", "parismatin.example.fr"), ("L'Observateur Régional", "observateurregional.example.fr"),
           ("France Éco", "franceeco.example.fr"), ("Le Courrier de l'Est", "courrierdelest.example.fr")],
}

OPENERS = {
    "en": ["", "", "", "", "Honestly, ", "So ", "PSA: ", "Just saying, ", "lol ", "Update: ", "Well. "],
    "fr": ["", "", "", "", "Franchement, ", "Bon. ", "Sérieux, ", "Info : ", "Alors ", "Bref. ", "Mdr "],
}
NEG_OPENERS = {"en": ["Ugh. ", "Rant: "], "fr": ["Petit coup de gueule : ", "Coup de gueule : "]}
CLOSERS = {
    "neg": {"en": ["", "", "", " 😡", " 🙄", " #fail", " smh", " 👎", "...", "!!"],
            "fr": ["", "", "", " 😡", " 🙄", " #honte", " 👎", "...", " !!", " ras le bol"]},
    "pos": {"en": ["", "", "", " 😍", " 👍", " 🙌", "!", " 10/10", " ❤️"],
            "fr": ["", "", "", " 😍", " 👍", " 🙌", " !", " top", " ❤️"]},
    "neu": {"en": ["", "", "", "", " 🤔", "?", " #question"],
            "fr": ["", "", "", "", " 🤔", " ?", " #question"]},
}

# --- baseline social/forum posts -------------------------------------------------------
BASE = {
    "en": {
        "neg": [
            "Ordered from {b} {n} days ago and the tracking still hasn't moved",
            "{b} support has been ignoring my emails for a week",
            "The new {p} from {b} is honestly worse than the old one",
            "not impressed with {b} lately, prices keep going up and quality keeps going down",
            "my {b} {p} stopped working after two weeks. not happy",
            "why is the {b} app so slow today, can't even log in",
            "I don't like the new {b} {p} at all",
            "never buying {b} again, the {p} arrived damaged",
            "{b} charged me twice for the same order and nobody can explain why",
            "Disappointed with {b}. The {p} doesn't do what the ad says",
            "third time I contact {b} about this and still no solution",
            "{b} quality has really gone downhill",
            "the {b} {p} is overpriced for what you get",
            "can't believe how bad {b} customer service is",
            "returned my {b} {p}, it just isn't worth the money",
            "{h} your chatbot is useless, I need a human",
            "waited {n} minutes on hold with {b} and then they hung up",
            "{b} cancelled my order without telling me. annoying",
            "the {p} I got from {b} smells weird, not great",
            "is it just me or has {b} become terrible?",
        ],
        "pos": [
            "Really happy with my new {b} {p}",
            "shoutout to {b} support, sorted my problem in {n} minutes",
            "the {b} {p} is honestly the best I've tried",
            "not gonna lie, the {b} {p} is pretty great",
            "never had a single problem with {b}, would recommend",
            "love the new {b} {p}",
            "{b} delivered a day early, nice surprise",
            "the {b} {p} is not bad at all for the price",
            "been using {b} for {n} years and still happy with them",
            "great experience with {b} today, friendly staff and quick service",
            "{h} thanks for the quick refund, appreciated",
            "the {b} {p} exceeded my expectations",
            "switched to {b} last month, best decision",
            "impressed by how easy the {b} app is to use",
            "{b} {p} + a sunny afternoon = perfect",
        ],
        "neu": [
            "does anyone know if {b} ships to {pl}?",
            "{b} {p} or the one from {rv}? trying to decide",
            "just ordered a {p} from {b}, we'll see",
            "{b} has a new {p} coming out next month apparently",
            "what time does the {b} store in {pl} open on Sundays?",
            "is the {b} {p} worth it?",
            "{b} is updating its app tonight according to the email",
            "anyone tried the {b} {p} yet?",
            "comparing {b} and {rv} prices for a {p}",
            "{h} do you have a discount code for students?",
            "saw a {b} ad on the bus this morning",
            "need to call {b} tomorrow about my account",
            "there's a {b} pop-up in {pl} this week",
            "my sister works at {b}, she says the new {p} is launching in spring",
            "how long does {b} take to deliver to {pl} usually?",
        ],
    },
    "fr": {
        "neg": [
            "Commande passée chez {b} il y a {n} jours et toujours rien",
            "le SAV de {b} ne répond jamais à mes mails",
            "le nouveau {p} de {b} est franchement moins bien que l'ancien",
            "je n'aime pas du tout le nouveau {p} de {b}",
            "mon {p} {b} est tombé en panne au bout de deux semaines, pas content",
            "l'appli {b} rame encore aujourd'hui, impossible de me connecter",
            "plus jamais je n'achète chez {b}, {p} reçu abîmé",
            "{b} m'a débité deux fois la même commande et personne ne sait pourquoi",
            "déçu par {b}, le {p} ne tient pas ses promesses",
            "troisième fois que je contacte {b} pour ça et toujours aucune solution",
            "la qualité chez {b} baisse d'année en année",
            "le {p} de {b} est beaucoup trop cher pour ce que c'est",
            "le service client de {b} est vraiment nul",
            "j'ai renvoyé mon {p} {b}, ça ne vaut pas le prix",
            "{h} votre chatbot ne sert à rien, je veux parler à quelqu'un",
            "{n} minutes d'attente au téléphone avec {b} et ils raccrochent",
            "{b} a annulé ma commande sans prévenir, agaçant",
            "c'est moi ou {b} devient n'importe quoi ?",
            "pas terrible le {p} de chez {b}",
            "encore un retard de livraison avec {b}, ça devient pénible",
        ],
        "pos": [
            "très contente de mon nouveau {p} {b}",
            "merci au SAV de {b}, problème réglé en {n} minutes",
            "le {p} de {b} est vraiment le meilleur que j'ai testé",
            "pas mal du tout le {p} de {b} pour le prix",
            "jamais eu le moindre souci avec {b}, je recommande",
            "j'adore le nouveau {p} de {b}",
            "{b} m'a livré un jour en avance, belle surprise",
            "client de {b} depuis {n} ans et toujours satisfait",
            "super accueil chez {b} aujourd'hui, personnel sympa et efficace",
            "{h} merci pour le remboursement rapide",
            "le {p} de {b} a dépassé mes attentes",
            "passé chez {b} le mois dernier, aucun regret",
            "rien à redire sur le {p} de {b}",
            "l'appli {b} est vraiment simple à utiliser, bravo",
            "je ne regrette pas du tout mon {p} {b}",
        ],
        "neu": [
            "quelqu'un sait si {b} livre à {pl} ?",
            "{p} de chez {b} ou de chez {rv} ? j'hésite",
            "je viens de commander un {p} chez {b}, on verra bien",
            "il paraît que {b} sort un nouveau {p} le mois prochain",
            "le magasin {b} de {pl} est ouvert le dimanche ?",
            "le {p} de {b} vaut le coup ?",
            "{b} met à jour son appli ce soir d'après le mail",
            "quelqu'un a testé le {p} de {b} ?",
            "je compare les prix de {b} et {rv} pour un {p}",
            "{h} vous avez un code promo pour les étudiants ?",
            "vu une pub {b} dans le métro ce matin",
            "je dois appeler {b} demain pour mon compte",
            "il y a une boutique éphémère {b} à {pl} cette semaine",
            "ma sœur bosse chez {b}, le nouveau {p} sort au printemps",
            "combien de temps met {b} pour livrer à {pl} en général ?",
        ],
    },
}

# baseline news (title, summary)
NEWS_BASE = {
    "en": [
        ("{b} reports {n}% revenue growth in the third quarter", "The group said demand for its {p} remained solid."),
        ("{b} to open {n} new stores in {pl}", "The company announced the openings on Tuesday."),
        ("{b} appoints new chief financial officer", "The appointment takes effect next month."),
        ("{b} unveils new {p} range", "The range will be on sale from next week."),
        ("{b} and {rv} compete for market share in {p}", "Analysts expect prices to stay stable."),
        ("{b} raises prices of its {p} by {n}%", "The company cited higher costs."),
        ("{b} wins consumer award for its {p}", "The award was given by a panel of shoppers."),
        ("{b} faces complaints over delivery delays in {pl}", "Some customers reported waiting weeks."),
        ("What the {b} results mean for investors", "A look at the figures published this week."),
        ("{b} signs sponsorship deal with {pl} football club", "The deal runs for three seasons."),
    ],
    "fr": [
        ("{b} affiche une croissance de {n} % au troisième trimestre", "Le groupe indique que la demande pour son {p} reste solide."),
        ("{b} va ouvrir {n} nouveaux magasins à {pl}", "L'entreprise a annoncé ces ouvertures mardi."),
        ("{b} nomme un nouveau directeur financier", "La nomination prendra effet le mois prochain."),
        ("{b} présente sa nouvelle gamme de {p}", "La gamme sera en vente dès la semaine prochaine."),
        ("{b} et {rv} se disputent le marché du {p}", "Les analystes s'attendent à des prix stables."),
        ("{b} augmente le prix de son {p} de {n} %", "L'entreprise invoque la hausse des coûts."),
        ("{b} récompensé pour son {p} par un jury de consommateurs", "Le prix a été remis jeudi."),
        ("Retards de livraison : des clients de {b} se plaignent à {pl}", "Certains attendent depuis plusieurs semaines."),
        ("Ce que les résultats de {b} disent du marché", "Décryptage des chiffres publiés cette semaine."),
        ("{b} devient partenaire du club de football de {pl}", "Le contrat court sur trois saisons."),
    ],
}

BLOG_TITLES = {
    "en": ["My honest review of the {b} {p}", "{b} vs {rv}: which {p} to choose", "Six months with {b}",
           "Why I switched to {b}", "The {b} {p}, tested"],
    "fr": ["Mon avis honnête sur le {p} de {b}", "{b} ou {rv} : quel {p} choisir", "Six mois avec {b}",
           "Pourquoi je suis passé chez {b}", "Le {p} de {b}, testé"],
}
VIDEO_TITLES = {
    "en": ["{b} {p} unboxing", "Is the {b} {p} worth it? Full review", "{b} {p} after {n} months"],
    "fr": ["Unboxing du {p} {b}", "Le {p} {b} vaut-il le coup ? Test complet", "{b} {p} après {n} mois d'utilisation"],
}

JOBS = {  # excluded by the topics' NOT clause
    "en": ["{b} is hiring: warehouse operators in {pl}, apply now", "Job offer at {b}: customer advisor ({pl})"],
    "fr": ["{b} recrute des préparateurs de commandes à {pl}", "Offre d'emploi {b} : conseiller clientèle à {pl}"],
}

OFFTOPIC = {
    "en": ["what a game last night", "coffee first, then emails", "anyone watching the match tonight?",
           "the weather in {pl} is ridiculous today", "new episode of that podcast is great"],
    "fr": ["quel match hier soir", "d'abord un café, ensuite les mails", "il fait un temps pourri à {pl}",
           "vous regardez le match ce soir ?", "le nouvel épisode de ce podcast est top"],
}

# --- crisis -----------------------------------------------------------------------------
CRISIS = {
    "en": {
        "neg": [
            "{b} and {iss}, this is a disgrace. How is nobody accountable?",
            "Just read about {iss} at {b}. Absolutely shocking.",
            "I'm done with {b}. After {iss} I'm never buying from them again #boycott{bt}",
            "{b} knew about {iss} and said nothing. Disgusting.",
            "my family uses {b} every day and now this?? {iss}... furious",
            "{h} explain {iss}. NOW.",
            "how can {b} still be silent about {iss}?",
            "the {b} statement on the {iss_s} is pathetic, zero apology",
            "Share this: {b} and {iss}. People need to know.",
            "Not a single word of apology from {b}. Shameful.",
            "the {iss_s} at {b} is unacceptable, someone has to resign",
            "cancelled my {b} account today because of the {iss_s}",
            "{b} doesn't care about its customers, the {iss_s} proves it #{kw}",
            "so {b} thinks nobody will notice {iss}? we noticed.",
            "this {b} {iss_s} story gets worse every hour",
            "I will never trust {b} again",
            "the way {b} handled the {iss_s} is a scandal",
            "{b} {iss_s}: they lied to us for months",
            "sick of brands like {b} getting away with it #{kw} #{tag}",
            "Thread on the {b} {iss_s}: what we know so far. None of it is good.",
        ],
        "neu": [
            "what's going on with {b}? seeing lots of posts about {iss_s}",
            "does anyone have a source on the {b} {iss_s} story?",
            "waiting for {b} to comment on the {iss_s} before judging",
            "{b} says it is investigating the {iss_s}",
            "live updates on the {b} {iss_s} here",
        ],
        "pos": [
            "I've always trusted {b}, let's wait for the facts",
            "to be fair {b} reacted quickly, let's see",
        ],
    },
    "fr": {
        "neg": [
            "{b} et {iss}, c'est une honte. Personne n'est responsable ?",
            "Je viens de lire l'affaire de {iss} chez {b}. Scandaleux.",
            "C'est fini {b}. Après {iss}, je n'achèterai plus jamais chez eux #boycott{bt}",
            "{b} était au courant pour {iss} et n'a rien dit. Écœurant.",
            "toute ma famille utilise {b} et maintenant ça ?? {iss}... je suis furieuse",
            "{h} expliquez-vous sur {iss}. MAINTENANT.",
            "comment {b} peut encore se taire sur {iss} ?",
            "le communiqué de {b} sur l'affaire ({iss_s}) est pathétique, aucune excuse",
            "Partagez : {b} et {iss}. Tout le monde doit savoir.",
            "Pas un mot d'excuse de la part de {b}. Honteux.",
            "{iss_s} chez {b} : c'est inacceptable, quelqu'un doit démissionner",
            "j'ai résilié mon compte {b} aujourd'hui à cause de cette affaire de {iss_s}",
            "{b} se fiche de ses clients, l'affaire le prouve #{kw}",
            "{b} pensait que personne ne verrait {iss} ? raté.",
            "l'affaire {b} empire d'heure en heure",
            "je ne ferai plus jamais confiance à {b}",
            "la gestion de cette crise par {b} est un scandale",
            "{b} nous a menti pendant des mois, honte à eux",
            "marre de ces marques comme {b} qui s'en sortent toujours #{kw} #{tag}",
            "Thread sur le scandale {b} ({iss_s}) : ce qu'on sait. Rien de bon.",
        ],
        "neu": [
            "il se passe quoi avec {b} ? je vois plein de posts sur {iss_s}",
            "quelqu'un a une source sur l'affaire {b} ?",
            "j'attends la réponse de {b} avant de juger",
            "{b} dit enquêter sur l'affaire",
            "le direct sur l'affaire {b} c'est ici",
        ],
        "pos": [
            "j'ai toujours fait confiance à {b}, attendons les faits",
            "pour être juste, {b} a réagi vite, on verra",
        ],
    },
}

CRISIS_NEWS = {
    "en": [
        ("{b} faces backlash over {iss_s}", "{b} is under growing pressure after reports of {iss}. The company said it was investigating."),
        ("{b} under fire: what we know about the {iss_s}", "Customers and campaigners have condemned the company."),
        ("{b} shares fall as {iss_s} scandal grows", "The stock dropped {n}% in early trading."),
        ("Regulator opens inquiry into {b} over {iss_s}", "Officials said they had received hundreds of complaints."),
        ("{b} apologises after {iss_s}", "The apology failed to calm angry customers."),
        ("Calls for boycott of {b} after {iss_s}", "Politicians joined the criticism on Wednesday."),
        ("{b}: the {iss_s} explained", "A timeline of the scandal that has engulfed the company."),
    ],
    "fr": [
        ("{b} dans la tourmente après l'affaire ({iss_s})", "{b} est sous pression après les révélations sur {iss}. L'entreprise dit mener une enquête."),
        ("Scandale chez {b} : ce que l'on sait", "Clients et associations dénoncent l'attitude de l'entreprise."),
        ("{b} chute en Bourse, le scandale s'aggrave", "Le titre a perdu {n} % à l'ouverture."),
        ("Le régulateur ouvre une enquête sur {b}", "Des centaines de plaintes ont été reçues, selon les autorités."),
        ("{b} présente ses excuses après le scandale", "Les excuses n'ont pas calmé la colère des clients."),
        ("Appels au boycott de {b} après l'affaire ({iss_s})", "Des élus ont rejoint les critiques mercredi."),
        ("Affaire {b} : la chronologie d'un scandale", "Retour sur une crise qui secoue l'entreprise."),
    ],
}

CRISIS_BLOG = {
    "en": ["What the {b} scandal tells us about corporate responsibility", "Why I'm leaving {b} after the {iss_s}",
           "{b}: anatomy of a crisis"],
    "fr": ["Ce que le scandale {b} dit de la responsabilité des entreprises", "Pourquoi je quitte {b} après cette affaire",
           "{b} : anatomie d'une crise"],
}
CRISIS_VIDEO = {
    "en": ["The {b} scandal explained", "{b} {iss_s}: my reaction", "Everything wrong with {b} right now"],
    "fr": ["Le scandale {b} expliqué", "Affaire {b} : ma réaction", "Tout ce qui ne va pas chez {b}"],
}

# --- bad buzz (a few angry accounts, small echo) -----------------------------------------
BADBUZZ_TRIGGERS = {
    "en": ["refund", "cancelled order", "rude driver", "lost parcel", "ad campaign"],
    "fr": ["remboursement", "commande annulée", "livreur désagréable", "colis perdu", "pub"],
}
BADBUZZ_CORE = {
    "en": [
        "{h} where is my {trig}?? {n} days and NOTHING",
        "{b} is the WORST company I have ever dealt with",
        "still waiting {h}. answer me!!",
        "day {n} of asking {b} about my {trig}. pathetic",
        "do NOT buy from {b}, they will ignore you like they ignore me",
        "{h} you think I'll just go away? I won't",
        "{b} your service is a joke",
        "everyone look at how {b} treats customers. disgraceful",
        "I'm going to keep posting until {b} fixes my {trig}",
        "{b} = liars. simple as that",
        "{h} {n} emails, {n} calls, zero answers. unbelievable",
        "not one reply from {b}. shameful",
        "hey {h}, still no {trig}. still angry",
        "{b} stole my money, no other word for it",
    ],
    "fr": [
        "{h} il est où mon {trig} ?? {n} jours et RIEN",
        "{b} est la PIRE entreprise que je connaisse",
        "j'attends toujours {h}. répondez !!",
        "jour {n} à relancer {b} pour mon {trig}. pathétique",
        "n'achetez PAS chez {b}, ils vous ignoreront comme moi",
        "{h} vous croyez que je vais lâcher ? jamais",
        "{b} votre service est une blague",
        "regardez comment {b} traite ses clients. lamentable",
        "je posterai jusqu'à ce que {b} règle mon {trig}",
        "{b} = menteurs. point.",
        "{h} {n} mails, {n} appels, zéro réponse. incroyable",
        "pas une seule réponse de {b}. honteux",
        "coucou {h}, toujours pas de {trig}. toujours en colère",
        "{b} m'a volé mon argent, y a pas d'autre mot",
    ],
}
BADBUZZ_ECHO = {
    "en": ["lol {b} getting dragged again", "what did {b} do this time?", "ouch, {b} is not having a good day",
           "that {b} thread is brutal", "same thing happened to me with {b} last year", "{b} really needs to answer that guy"],
    "fr": ["mdr {b} se fait encore allumer", "qu'est-ce que {b} a encore fait ?", "aïe, mauvaise journée pour {b}",
           "le thread sur {b} est violent", "même chose avec {b} l'an dernier pour moi", "{b} devrait vraiment lui répondre"],
}

# --- bot floods (near-duplicates) --------------------------------------------------------
FLOOD_NEG = {
    "en": ["{b} is a SCAM!! they steal your money, stay away", "WARNING: {b} {p} is dangerous, do not buy",
           "{b} lies to customers. boycott {b} now"],
    "fr": ["{b} c'est une ARNAQUE !! ils volent votre argent, fuyez", "ATTENTION : le {p} {b} est dangereux, n'achetez pas",
           "{b} ment à ses clients. boycott de {b} maintenant"],
}
FLOOD_PROMO = {
    "en": ["🎁 Win a free {b} {p}! Click the link to claim your prize", "{b} giveaway: 1000 {p} to win today only, enter now"],
    "fr": ["🎁 Gagnez un {p} {b} gratuit ! Cliquez sur le lien pour réclamer votre cadeau", "Concours {b} : un {p} à gagner chaque heure aujourd'hui seulement, participez"],
}
FLOOD_SUFFIX = ["", " 👉", " ⚠️", " !!!", " 🔥", " ‼️", "", " 👇"]
FLOOD_TAGS = ["#{tag}", "#scam", "#arnaque", "#boycott", "#alert", "#truth", "#giveaway", "#free", "#concours"]

# --- positive buzz --------------------------------------------------------------------
POSBUZZ_TRIGGERS = {
    "en": [("the new {b} ad", "ad"), ("{b} offering free repairs for life", "repairs"),
           ("{b} donating all profits this week to the children's hospital", "donation"),
           ("the new {b} {p}", "launch")],
    "fr": [("la nouvelle pub {b}", "pub"), ("{b} qui offre la réparation à vie", "reparation"),
           ("{b} qui reverse tous ses bénéfices de la semaine à l'hôpital des enfants", "don"),
           ("le nouveau {p} de {b}", "lancement")],
}
POSBUZZ = {
    "en": {
        "pos": ["{trig} is brilliant 😂👏", "ok {trig} just made my day", "love {trig}, well done {b}",
                "{trig}? legends. that's how you do it", "respect to {b} for {trig}",
                "can't stop watching {trig}, so good", "{b} winning the internet today",
                "this is why I love {b}", "best thing I've seen all week: {trig}", "{h} you nailed it 👏",
                "finally a brand that gets it. thank you {b}", "{trig} is genuinely wonderful"],
        "neu": ["everyone is talking about {trig}", "have you seen {trig}?", "{trig} is trending"],
        "neg": ["{trig} is a bit much, no?", "I don't get the hype about {b}"],
    },
    "fr": {
        "pos": ["{trig}, c'est génial 😂👏", "{trig} m'a fait ma journée", "j'adore {trig}, bravo {b}",
                "{trig} ? respect, c'est comme ça qu'on fait", "chapeau à {b} pour {trig}",
                "je ne me lasse pas de {trig}, trop bien", "{b} gagne internet aujourd'hui",
                "c'est pour ça que j'aime {b}", "le meilleur truc de la semaine : {trig}", "{h} bien joué 👏",
                "enfin une marque qui a tout compris, merci {b}", "{trig}, franchement c'est magnifique"],
        "neu": ["tout le monde parle de {trig}", "vous avez vu {trig} ?", "{trig} est en tendance"],
        "neg": ["{trig} c'est un peu too much non ?", "je comprends pas la hype autour de {b}"],
    },
}
POSBUZZ_NEWS = {
    "en": [("{b}'s feel-good campaign wins over the internet", "The initiative has been widely shared."),
           ("Why everyone is praising {b} this week", "Customers welcomed the move.")],
    "fr": [("L'initiative de {b} séduit les internautes", "L'opération a été largement partagée."),
           ("Pourquoi tout le monde salue {b} cette semaine", "Les clients ont salué l'initiative.")],
}

# --- neutral news spike ---------------------------------------------------------------
SPIKE_SUBJECTS = {
    "en": [("{b} to merge with {rv}", "The two companies announced the deal on Monday; terms were not disclosed.", "merger"),
           ("{b} moves its headquarters to {pl}", "About {n}0 staff will relocate over the next year.", "headquarters"),
           ("{b} announces new chief executive", "The board named an outsider to lead the group from January.", "new CEO"),
           ("{b} to be listed on the stock exchange", "The listing is planned for the spring.", "IPO")],
    "fr": [("{b} va fusionner avec {rv}", "Les deux entreprises ont annoncé l'opération lundi, sans en préciser le montant.", "fusion"),
           ("{b} déménage son siège à {pl}", "Environ {n}0 salariés seront concernés dans l'année.", "siège"),
           ("{b} annonce un nouveau directeur général", "Le conseil a choisi un profil extérieur pour diriger le groupe dès janvier.", "nouveau DG"),
           ("{b} va entrer en Bourse", "L'introduction est prévue au printemps.", "Bourse")],
}
SPIKE_SHARES = {
    "en": ["{t} {url}", "interesting: {t}", "{t}. didn't see that coming", "so, {b} and the {s} thing. noted", "reading: {t} {url}",
           "{b} {s} news, what does it mean for customers?", "{t} (via {o})"],
    "fr": ["{t} {url}", "à lire : {t}", "{t}. je ne l'avais pas vu venir", "{s} chez {b}, noté", "{t} {url}",
           "{b}, {s} : qu'est-ce que ça change pour les clients ?", "{t} (via {o})"],
}

# second sentences and context, to keep organic posts from being near-duplicates
REACTIONS = {
    "neg": {"en": ["Really disappointing.", "What a mess.", "Unbelievable.", "I expected better.", "No excuse for this.",
                   "Just awful.", "So frustrating.", "Seriously?", "Not okay.", "Fix it.", "Shame on them.",
                   "You can't make this up.", "Terrible look.", "Done with this.", "How hard can it be?",
                   "Someone should be fired.", "My mum is furious too.", "Telling all my friends.", "Never again.",
                   "This is why people leave.", "Absolutely ridiculous.", "Zero respect for customers."],
            "fr": ["Vraiment décevant.", "Quel bazar.", "Incroyable.", "On attendait mieux.", "Aucune excuse.",
                   "Lamentable.", "Trop c'est trop.", "Sérieusement ?", "Inadmissible.", "Honte à eux.",
                   "Ça m'énerve.", "Plus jamais.", "Je le dis à tout le monde.", "Ma mère est furieuse aussi.",
                   "Qu'ils réparent ça.", "C'est du grand n'importe quoi.", "Aucun respect pour les clients.",
                   "On marche sur la tête.", "Je suis dégoûté.", "Franchement pas normal."]},
    "pos": {"en": ["Made my day.", "Well deserved.", "Love it.", "Great job.", "Nice one.", "So good.",
                   "Happy customer here.", "Keep it up.", "Top notch.", "Couldn't be happier.", "Big fan.",
                   "That's class.", "Recommend 100%.", "Wholesome.", "More of this please."],
            "fr": ["Ça fait plaisir.", "Bien mérité.", "J'adore.", "Bravo.", "Top.", "Trop bien.", "Client ravi.",
                   "Continuez comme ça.", "Rien à dire.", "Fan absolu.", "Je recommande à 100 %.",
                   "Ça change tout.", "Chapeau.", "Encore !"]},
    "neu": {"en": ["Just curious.", "Any ideas?", "We'll see.", "Asking for a friend.", "More soon.", "Noted.",
                   "Interesting.", "Thoughts?", "Let's see how it goes.", "Saw it in my feed.", "Anyone else?",
                   "Will report back."],
            "fr": ["Simple curiosité.", "Des idées ?", "On verra.", "Je demande pour un ami.", "À suivre.", "Noté.",
                   "Intéressant.", "Vous en pensez quoi ?", "Vu passer dans mon fil.", "D'autres avis ?",
                   "Je vous tiens au courant."]},
}
CONTEXT = {
    "en": ["Been a customer for {n} years.", "Just saw this.", "My neighbour told me about it.",
           "Second time this month.", "On my lunch break.", "Back from {pl}.", "Long day.", "Quick one:"],
    "fr": ["Client depuis {n} ans.", "Je viens de voir ça.", "Ma voisine m'en a parlé.",
           "Deuxième fois ce mois-ci.", "Pause déj.", "De retour de {pl}.", "Longue journée.", "Petite question :"],
}
