"""Mention texts for the third scenario generator (bench/scenarios_gen3.py), EN and FR.

Written apart from the other generators' texts: sentences are assembled from an opener, a
core built from slots (brand, aspect, thing, city, scandal...) and a tail (emoji, hashtags,
punctuation), so very few texts repeat. Ordinary chatter mixes praise, complaints, plain
questions, negations ("not bad", "pas terrible") and sarcasm that reads positive to a
lexicon scorer ("oh great, another outage").
"""

from __future__ import annotations

import random

SECTORS: dict[str, dict[str, list[str]]] = {
    "bank": {
        "aspect_en": ["app", "card", "online banking", "mortgage offer", "customer service", "fees", "branch in town", "savings rate"],
        "aspect_fr": ["appli", "carte", "banque en ligne", "offre de prêt", "service client", "frais", "agence", "livret"],
        "thing_en": ["account", "card", "loan", "transfer"],
        "thing_fr": ["compte", "carte", "prêt", "virement"],
    },
    "airline": {
        "aspect_en": ["boarding", "cabin crew", "legroom", "app", "lounge", "baggage policy", "on-time record", "inflight wifi"],
        "aspect_fr": ["embarquement", "équipage", "place pour les jambes", "appli", "salon", "politique bagages", "ponctualité", "wifi à bord"],
        "thing_en": ["flight", "refund", "suitcase", "booking"],
        "thing_fr": ["vol", "remboursement", "valise", "réservation"],
    },
    "food": {
        "aspect_en": ["new recipe", "packaging", "chocolate bars", "yoghurts", "prices", "vegan range", "crisps", "cereal"],
        "aspect_fr": ["nouvelle recette", "emballage", "tablettes", "yaourts", "prix", "gamme vegan", "chips", "céréales"],
        "thing_en": ["order", "box", "pack", "delivery"],
        "thing_fr": ["commande", "boîte", "paquet", "livraison"],
    },
    "telecom": {
        "aspect_en": ["network", "5G coverage", "fibre", "customer support", "bill", "new plan", "router", "roaming"],
        "aspect_fr": ["réseau", "couverture 5G", "fibre", "support client", "facture", "nouveau forfait", "box", "itinérance"],
        "thing_en": ["line", "contract", "router", "sim"],
        "thing_fr": ["ligne", "contrat", "box", "carte sim"],
    },
    "software": {
        "aspect_en": ["API", "dashboard", "SSO integration", "pricing tiers", "release notes", "support desk", "uptime", "SDK"],
        "aspect_fr": ["API", "tableau de bord", "intégration SSO", "grille tarifaire", "notes de version", "support", "disponibilité", "SDK"],
        "thing_en": ["ticket", "licence", "deployment", "workspace"],
        "thing_fr": ["ticket", "licence", "déploiement", "espace de travail"],
    },
    "rail": {
        "aspect_en": ["trains", "timetable", "ticket app", "seats", "wifi on board", "station staff", "prices", "night train"],
        "aspect_fr": ["trains", "horaires", "appli billets", "sièges", "wifi à bord", "agents en gare", "tarifs", "train de nuit"],
        "thing_en": ["train", "ticket", "pass", "connection"],
        "thing_fr": ["train", "billet", "abonnement", "correspondance"],
    },
    "fashion": {
        "aspect_en": ["new collection", "sizing", "returns", "sneakers", "denim", "store staff", "website", "prices"],
        "aspect_fr": ["nouvelle collection", "tailles", "retours", "baskets", "jeans", "vendeurs", "site", "prix"],
        "thing_en": ["order", "parcel", "jacket", "return"],
        "thing_fr": ["commande", "colis", "veste", "retour"],
    },
    "energy": {
        "aspect_en": ["tariff", "smart meter", "billing", "customer line", "solar offer", "app", "direct debit", "green plan"],
        "aspect_fr": ["tarif", "compteur", "facturation", "ligne client", "offre solaire", "appli", "prélèvement", "offre verte"],
        "thing_en": ["bill", "meter reading", "contract", "refund"],
        "thing_fr": ["facture", "relevé", "contrat", "remboursement"],
    },
    "gaming": {
        "aspect_en": ["servers", "new season", "matchmaking", "patch", "battle pass", "graphics", "anti-cheat", "launcher"],
        "aspect_fr": ["serveurs", "nouvelle saison", "matchmaking", "patch", "passe de combat", "graphismes", "anti-triche", "launcher"],
        "thing_en": ["account", "skin", "preorder", "save"],
        "thing_fr": ["compte", "skin", "précommande", "sauvegarde"],
    },
}

CITIES_EN = ["Leeds", "Boston", "Dublin", "Austin", "Manchester", "Denver", "Bristol", "Toronto", "Glasgow", "Portland"]
CITIES_FR = ["Lyon", "Lille", "Nantes", "Rennes", "Toulouse", "Bordeaux", "Grenoble", "Metz", "Brest", "Dijon"]

OPEN_EN = ["", "", "", "honestly ", "ok so ", "lol ", "PSA: ", "not gonna lie, ", "update: ", "so ", "tbh ", "hey ", "ugh ", "wow "]
OPEN_FR = ["", "", "", "franchement ", "bon ", "mdr ", "alors ", "petit rappel : ", "sérieux ", "bref, ", "perso ", "euh ", "ah "]

TAIL_POS = ["", "", "", " 😍", " 👍", "!", "!!", " 🙌", " ❤️", " :)", " ✨", " 10/10"]
TAIL_NEG = ["", "", "", " 😡", " 🤬", "...", "!!", " 👎", " smh", " 😤", " 🙄", " #fail"]
TAIL_NEU = ["", "", "", "?", " 🤔", ".", " (asking for a friend)", " thx", " 👀"]
TAIL_NEG_FR = ["", "", "", " 😡", " 🤬", "...", " !!", " 👎", " 😤", " 🙄", " #honte", " ras-le-bol"]
TAIL_POS_FR = ["", "", "", " 😍", " 👍", " !", " 🙌", " ❤️", " :)", " ✨", " top"]
TAIL_NEU_FR = ["", "", "", " ?", " 🤔", ".", " merci", " 👀"]

POS_EN = [
    "{b} just fixed my {thing} issue in five minutes, impressed",
    "the {aspect} from {b} is honestly great",
    "{b} has the best {aspect} I've used in years",
    "shoutout to {b} for the {aspect}, smooth as anything",
    "really happy with {b} so far",
    "switched to {b} last month and no regrets",
    "the {aspect} at {b} keeps getting better",
    "{b} support was kind and quick today, thank you",
    "love the new {aspect} {b}",
    "{b} is underrated, their {aspect} is solid",
    "can recommend {b}, my {thing} went through without a hitch",
]
NEG_EN = [
    "{b} {aspect} is broken again",
    "still waiting on my {thing} from {b}, two weeks now",
    "why is the {b} {aspect} so slow today",
    "{b} charged me twice for my {thing}",
    "worst {aspect} ever, {b} please sort it out",
    "{b} customer service hung up on me",
    "disappointed with {b} lately, the {aspect} went downhill",
    "{b} keeps cancelling my {thing} for no reason",
    "anyone else having trouble with the {b} {aspect}",
    "done with {b}, the {aspect} is a joke",
    "{b} raised prices again and the {aspect} is worse",
]
NEU_EN = [
    "does {b} do student discounts on the {aspect}",
    "anyone know if {b} {aspect} works abroad",
    "{b} is opening something in {city}",
    "thinking of moving my {thing} to {b}",
    "is the {b} {aspect} down or is it just me",
    "saw a {b} ad on the bus this morning",
    "{b} {aspect} update rolling out this week apparently",
    "comparing {b} and the others for my {thing}",
    "my mum just got a {b} {thing}",
    "{b} office in {city} looks massive",
    "what time does {b} support open",
]
NEGATED_EN = [
    "the {b} {aspect} is not bad actually",
    "not impressed with {b} {aspect} tbh",
    "can't say I love the new {b} {aspect}",
    "never had a problem with {b} in 5 years",
    "{b} isn't great but isn't terrible either",
    "no complaints about {b} so far",
    "wouldn't recommend the {b} {aspect}, not worth it",
    "the {aspect} from {b} is not the worst, not the best",
]
SARCASM_EN = [
    "oh great, the {b} {aspect} is down again. love that for me 🙃",
    "wow thanks {b}, third time this week 👏",
    "amazing how {b} manages to lose my {thing} every single time",
    "{b} never fails to disappoint, truly impressive",
    "nothing like a fun afternoon on hold with {b} 😊",
    "brilliant, {b} 'improved' the {aspect}. it's perfect now. totally.",
]

POS_FR = [
    "{b} a réglé mon problème de {thing} en cinq minutes, bravo",
    "la {aspect} de {b} est vraiment top",
    "{b} a le meilleur {aspect} que j'ai testé",
    "merci {b} pour le {aspect}, nickel",
    "très content de {b} pour l'instant",
    "passé chez {b} le mois dernier, aucun regret",
    "le service client {b} super sympa aujourd'hui",
    "j'adore le nouveau {aspect} {b}",
    "{b} c'est sous-coté, leur {aspect} est solide",
    "je recommande {b}, mon {thing} s'est fait sans souci",
]
NEG_FR = [
    "encore un bug sur {aspect} {b}",
    "toujours pas reçu ma {thing} {b}, deux semaines",
    "pourquoi le {aspect} {b} rame autant aujourd'hui",
    "{b} m'a facturé deux fois mon {thing}",
    "le service client {b} ne répond jamais",
    "déçu par {b} ces temps-ci, le {aspect} est devenu nul",
    "{b} annule encore mon {thing} sans raison",
    "quelqu'un d'autre a des soucis avec {aspect} {b} ?",
    "fini {b}, leur {aspect} c'est n'importe quoi",
    "{b} augmente encore ses prix et le {aspect} est pire",
    "arnaque {b}, je résilie",
]
NEU_FR = [
    "{b} fait des réductions étudiants sur le {aspect} ?",
    "quelqu'un sait si {aspect} {b} marche à l'étranger",
    "{b} ouvre quelque chose à {city}",
    "je pense passer mon {thing} chez {b}",
    "le {aspect} {b} est en panne ou c'est moi ?",
    "vu une pub {b} dans le métro ce matin",
    "mise à jour {aspect} {b} prévue cette semaine apparemment",
    "je compare {b} et les autres pour mon {thing}",
    "ma mère vient de prendre un {thing} {b}",
    "les bureaux {b} à {city} sont immenses",
]
NEGATED_FR = [
    "le {aspect} {b} c'est pas mal en fait",
    "pas convaincu par le {aspect} {b}",
    "c'est pas terrible le nouveau {aspect} {b}",
    "jamais eu de problème avec {b} en 5 ans",
    "{b} c'est pas génial mais pas horrible non plus",
    "rien à redire sur {b} pour l'instant",
    "je ne recommande pas le {aspect} {b}, ça vaut pas le coup",
]
SARCASM_FR = [
    "génial, le {aspect} {b} est encore en panne. merci hein 🙃",
    "bravo {b}, troisième fois cette semaine 👏",
    "incroyable comme {b} arrive à perdre mon {thing} à chaque fois",
    "{b} ne déçoit jamais... dans la déception",
    "rien de tel qu'une après-midi en attente avec {b} 😊",
    "super, {b} a 'amélioré' le {aspect}. c'est parfait. vraiment.",
]

# crisis: (english phrase, french phrase) of what broke
SCANDALS = [
    ("data breach", "fuite de données"),
    ("contaminated batch", "lot contaminé"),
    ("racist ad", "pub raciste"),
    ("CEO's comments", "propos du PDG"),
    ("mass layoffs", "licenciements massifs"),
    ("harassment claims", "accusations de harcèlement"),
    ("child labour report", "travail des enfants"),
    ("price-fixing scandal", "entente sur les prix"),
    ("factory fire", "incendie de l'usine"),
    ("hidden fees scandal", "frais cachés"),
    ("greenwashing claims", "greenwashing"),
    ("safety recall", "rappel pour sécurité"),
]

CRISIS_NEG_EN = [
    "{b} and this {s}?? absolutely disgusting",
    "done with {b} after the {s}. #boycott{B}",
    "how is nobody held accountable for the {b} {s}",
    "just cancelled my {thing}. {b} should be ashamed",
    "the {b} {s} is even worse than I thought",
    "{b} lied to us. the {s} proves it",
    "never buying from {b} again after this {s}",
    "{b} statement on the {s} is pathetic, no apology at all",
    "shame on you {b}. the {s} is unacceptable",
    "my whole family is dropping {b} over the {s}",
    "this {b} {s} makes me sick 🤮",
    "{b} thinks we'll just forget the {s}? no.",
    "read the thread on the {b} {s}, horrifying",
    "unbelievable. {b}'s {s} hurt real people",
]
CRISIS_NEU_EN = [
    "wait what happened with {b}?",
    "can someone explain the {b} {s} thing",
    "is the {b} {s} story confirmed?",
    "following the {b} {s} news",
    "{b} trending, what did I miss",
    "let's wait for the facts before piling on {b}",
]
CRISIS_POS_EN = [
    "I still love {b}, this will blow over",
    "{b} has always treated me well, give them a chance",
    "great, {b} {s}, just perfect 🙃",
]
CRISIS_NEG_FR = [
    "{b} et cette {s} ?? c'est écœurant",
    "fini {b} après l'affaire : {s}. #boycott{B}",
    "personne ne va payer pour {s} chez {b} ?",
    "je viens de résilier mon {thing}. {b} devrait avoir honte",
    "l'affaire {b} ({s}) est pire que ce que je pensais",
    "{b} nous a menti, {s} le prouve",
    "plus jamais {b} après ça",
    "le communiqué de {b} sur {s} est lamentable, aucune excuse",
    "honte à {b}, {s} c'est inacceptable",
    "toute ma famille lâche {b} à cause de {s}",
    "ce scandale {b} me dégoûte 🤮",
    "{b} croit qu'on va oublier ? non.",
    "scandaleux ce que fait {b}, {s} en plus",
]
CRISIS_NEU_FR = [
    "attendez il se passe quoi avec {b} ?",
    "quelqu'un peut expliquer l'histoire {b} ?",
    "c'est confirmé pour {b} ({s}) ?",
    "je suis l'affaire {b} de près",
    "{b} en tendance, j'ai raté quoi",
    "attendons les faits avant de taper sur {b}",
]
CRISIS_POS_FR = [
    "j'aime toujours {b}, ça va passer",
    "{b} m'a toujours bien traité, laissons-leur une chance",
    "génial, {b} et {s}, parfait 🙃",
]

NEWS_CRISIS_EN = [
    ("{B} faces backlash over {s}", "Customers and campaigners criticised {B} on Tuesday after reports of a {s}. The company said it was looking into the matter."),
    ("{B} under fire after {s}", "{B} is facing mounting criticism following the {s}, with calls for a boycott spreading online."),
    ("Regulator looks into {B} {s}", "The regulator said it had contacted {B} about the {s} and would decide on next steps."),
    ("{B} shares fall as {s} widens", "Shares in {B} dropped after the {s} drew criticism from customers and lawmakers."),
    ("What we know about the {B} {s}", "A timeline of the {s} at {B} and the company's response so far."),
    ("{B} apologises as {s} row grows", "{B} issued a statement on the {s} but critics said it did not go far enough."),
]
NEWS_CRISIS_FR = [
    ("{B} dans la tourmente après : {s}", "{B} fait face à de vives critiques après les révélations sur {s}. L'entreprise dit examiner la situation."),
    ("Polémique : {B} mis en cause ({s})", "Les appels au boycott de {B} se multiplient sur les réseaux sociaux après {s}."),
    ("{s} : une enquête vise {B}", "Le parquet a ouvert une enquête après les révélations visant {B}."),
    ("L'action {B} chute après {s}", "Le titre {B} a reculé en Bourse, les investisseurs s'inquiétant de {s}."),
    ("Ce que l'on sait de l'affaire {B}", "Chronologie de l'affaire ({s}) et des réponses de {B}."),
    ("{B} présente ses excuses, la polémique enfle", "{B} a publié un communiqué sur {s}, jugé insuffisant par ses détracteurs."),
]
NEWS_NEUTRAL_EN = [
    ("{B} reports quarterly results", "{B} published its quarterly figures on Thursday, with revenue in line with analyst expectations."),
    ("{B} names new chief executive", "{B} announced the appointment of a new chief executive, effective next month."),
    ("{B} to open site in {city}", "{B} plans to open a new site in {city}, the company said in a statement."),
    ("{B} agrees to buy smaller rival", "{B} said it had agreed to acquire a smaller competitor for an undisclosed sum."),
    ("{B} unveils annual plan at investor day", "At its investor day, {B} presented its plan for the coming year."),
    ("{B} moves headquarters", "{B} will move its headquarters to {city} next year, according to a company filing."),
]
NEWS_NEUTRAL_FR = [
    ("{B} publie ses résultats trimestriels", "{B} a publié jeudi ses résultats du trimestre, conformes aux attentes des analystes."),
    ("{B} nomme un nouveau directeur général", "{B} a annoncé la nomination d'un nouveau directeur général, qui prendra ses fonctions le mois prochain."),
    ("{B} va ouvrir un site à {city}", "{B} prévoit d'ouvrir un nouveau site à {city}, selon un communiqué."),
    ("{B} rachète un concurrent", "{B} a annoncé le rachat d'un concurrent plus petit pour un montant non communiqué."),
    ("{B} présente sa feuille de route", "Lors de sa journée investisseurs, {B} a présenté son plan pour l'année à venir."),
    ("{B} déménage son siège", "{B} installera son siège à {city} l'an prochain, selon un document de l'entreprise."),
]
NEWS_ROUTINE_EN = [
    ("{B} updates its {aspect}", "{B} said the update to its {aspect} would reach all customers in the coming weeks."),
    ("A look at {B}'s {aspect}", "We tested the {aspect} from {B} for a month."),
    ("{B} in {city}: local jobs", "The {city} site of {B} employs about 300 people."),
]
NEWS_ROUTINE_FR = [
    ("{B} met à jour son {aspect}", "La mise à jour du {aspect} de {B} arrivera chez tous les clients dans les semaines qui viennent."),
    ("On a testé le {aspect} de {B}", "Nous avons utilisé le {aspect} de {B} pendant un mois."),
    ("{B} à {city} : l'emploi local", "Le site {B} de {city} emploie environ 300 personnes."),
]

POSBUZZ_EN = [
    "the new {b} ad is everything 😍",
    "obsessed with the {b} {aspect}, go get it",
    "{b} just made my day, what a gesture",
    "okay {b} you win, this is brilliant",
    "can't stop watching the {b} campaign 🥹",
    "{b} collab just dropped and it's 🔥🔥",
    "proud to be a {b} customer today",
    "{b} giving back to {city}, love to see it",
    "best thing {b} has ever done honestly",
    "the {b} launch was so well done 👏",
]
POSBUZZ_FR = [
    "la nouvelle pub {b} est géniale 😍",
    "je suis fan du {aspect} {b}, foncez",
    "{b} a illuminé ma journée, quel beau geste",
    "ok {b} vous avez gagné, c'est brillant",
    "la campagne {b} m'a fait pleurer 🥹",
    "la collab {b} est sortie et c'est 🔥🔥",
    "fier d'être client {b} aujourd'hui",
    "bravo {b} pour ce que vous faites à {city}",
    "le lancement {b} était parfait 👏",
]
NEWS_POS_EN = [
    ("{B} campaign wins hearts online", "The latest {B} campaign has been shared widely, with viewers praising its tone."),
    ("{B} launch draws crowds in {city}", "Queues formed outside {B} in {city} for the launch."),
]
NEWS_POS_FR = [
    ("La campagne {B} séduit les internautes", "La dernière campagne de {B} est largement partagée et saluée en ligne."),
    ("Foule à {city} pour le lancement {B}", "Des files d'attente se sont formées devant {B} à {city}."),
]

ANGRY_EN = [
    "{b} STILL hasn't refunded me. day {n}. I will keep posting until you do",
    "@{b} answer your customers. {n} days without my {thing}",
    "{b} = thieves. they took my money and closed my ticket #{n}",
    "reminder that {b} owes me for my {thing}. post {n}",
    "everyone avoid {b}!!! they ignore complaints, ticket {n}",
    "{b} blocked me for asking about my {thing}. unreal",
    "day {n} of asking {b} for my {thing}",
]
ANGRY_FR = [
    "{b} ne m'a TOUJOURS pas remboursé. jour {n}. je posterai tant que ce sera pas fait",
    "@{b} répondez à vos clients. {n} jours sans mon {thing}",
    "{b} = voleurs. ils ont pris mon argent et fermé mon ticket n°{n}",
    "rappel : {b} me doit mon {thing}. message {n}",
    "fuyez {b} !!! ils ignorent les réclamations, dossier {n}",
    "{b} m'a bloqué parce que je demandais mon {thing}. hallucinant",
    "jour {n} à réclamer mon {thing} à {b}",
]
ECHO_EN = ["same thing happened to me with {b}", "{b} did this to my sister too", "wow {b}, sort this out", "hope you get your money back from {b}"]
ECHO_FR = ["pareil pour moi avec {b}", "{b} a fait pareil à ma sœur", "{b} réglez ça", "j'espère que {b} va te rembourser"]

FLOOD_NEG_EN = [
    "BOYCOTT {B}! They {acc}. Share before it gets deleted",
    "{B} {acc}. Retweet so everyone knows!!",
    "Do NOT buy {B}. They {acc}. Spread the word",
]
FLOOD_NEG_FR = [
    "BOYCOTT {B} ! Ils {acc}. Partagez avant suppression",
    "{B} {acc}. Partagez pour que tout le monde sache !!",
    "N'achetez PAS {B}. Ils {acc}. Faites tourner",
]
FLOOD_SPAM_EN = ["Claim your free {B} voucher now, only today! {url}", "{B} giveaway: 1000 gift cards, click {url}"]
FLOOD_SPAM_FR = ["Réclamez votre bon {B} gratuit, aujourd'hui seulement ! {url}", "Concours {B} : 1000 cartes cadeaux, cliquez {url}"]
ACCUSATIONS_EN = ["steal your data", "poison kids", "fund a war", "hide their real prices", "exploit workers"]
ACCUSATIONS_FR = ["volent vos données", "empoisonnent les enfants", "financent une guerre", "cachent leurs vrais prix", "exploitent leurs salariés"]

OFFTOPIC = [
    "what a match last night", "rain again in the forecast", "new episode is out 🎬",
    "quelle chaleur aujourd'hui", "bouchons sur le périph ce matin", "coffee first, then emails",
]


def fill(rng: random.Random, template: str, brand: str, sector: str, lang: str, **extra: str) -> str:
    sec = SECTORS[sector]
    fr = lang == "fr"
    values = {
        "b": brand if rng.random() < 0.8 else (brand.lower() if rng.random() < 0.5 else brand.upper()),
        "B": brand,
        "aspect": rng.choice(sec["aspect_fr" if fr else "aspect_en"]),
        "thing": rng.choice(sec["thing_fr" if fr else "thing_en"]),
        "city": rng.choice(CITIES_FR if fr else CITIES_EN),
        "n": str(rng.randint(2, 40)),
    }
    values.update(extra)
    # boycott hashtags keep the brand glued: #boycottTavelis (the brand also appears elsewhere)
    values["B"] = values["B"].replace(" ", "") if "#boycott{B}" in template else values["B"]
    return template.format(**values)


def chatter(rng: random.Random, brand: str, sector: str, lang: str, neg_share: float) -> str:
    """One ordinary mention: mood drawn from the brand's usual mix."""
    fr = lang == "fr"
    r = rng.random()
    if r < neg_share * 0.8:
        core, tails = (NEG_FR, TAIL_NEG_FR) if fr else (NEG_EN, TAIL_NEG)
    elif r < neg_share:
        core, tails = (SARCASM_FR, [""]) if fr else (SARCASM_EN, [""])
    elif r < neg_share + 0.08:
        core, tails = (NEGATED_FR, TAIL_NEU_FR) if fr else (NEGATED_EN, TAIL_NEU)
    elif r < neg_share + 0.08 + (1 - neg_share) * 0.45:
        core, tails = (NEU_FR, TAIL_NEU_FR) if fr else (NEU_EN, TAIL_NEU)
    else:
        core, tails = (POS_FR, TAIL_POS_FR) if fr else (POS_EN, TAIL_POS)
    text = fill(rng, rng.choice(core), brand, sector, lang)
    opener = rng.choice(OPEN_FR if fr else OPEN_EN)
    text = opener + text + rng.choice(tails)
    if rng.random() < 0.12:
        text += f" #{brand.replace(' ', '')}"
    if rng.random() < 0.05:
        text = text.upper() if rng.random() < 0.3 else text.capitalize()
    return text


def crisis_post(rng: random.Random, brand: str, sector: str, lang: str, scandal: tuple[str, str], neg: float) -> str:
    fr = lang == "fr"
    s = scandal[1] if fr else scandal[0]
    r = rng.random()
    if r < neg:
        core, tails = (CRISIS_NEG_FR, TAIL_NEG_FR) if fr else (CRISIS_NEG_EN, TAIL_NEG)
    elif r < neg + (1 - neg) * 0.7:
        core, tails = (CRISIS_NEU_FR, TAIL_NEU_FR) if fr else (CRISIS_NEU_EN, TAIL_NEU)
    else:
        core, tails = (CRISIS_POS_FR, [""]) if fr else (CRISIS_POS_EN, [""])
    text = rng.choice(OPEN_FR if fr else OPEN_EN) + fill(rng, rng.choice(core), brand, sector, lang, s=s)
    return text + rng.choice(tails)


def news_item(rng: random.Random, kind: str, brand: str, sector: str, lang: str,
              scandal: tuple[str, str] | None = None) -> tuple[str, str]:
    fr = lang == "fr"
    table = {
        "crisis": NEWS_CRISIS_FR if fr else NEWS_CRISIS_EN,
        "neutral": NEWS_NEUTRAL_FR if fr else NEWS_NEUTRAL_EN,
        "routine": NEWS_ROUTINE_FR if fr else NEWS_ROUTINE_EN,
        "positive": NEWS_POS_FR if fr else NEWS_POS_EN,
    }[kind]
    title, body = rng.choice(table)
    extra = {"s": (scandal[1] if fr else scandal[0]) if scandal else ""}
    return (fill(rng, title, brand, sector, lang, **extra).replace("{b}", brand),
            fill(rng, body, brand, sector, lang, **extra))


def positive_post(rng: random.Random, brand: str, sector: str, lang: str) -> str:
    fr = lang == "fr"
    if rng.random() < 0.8:
        core, tails = (POSBUZZ_FR, TAIL_POS_FR) if fr else (POSBUZZ_EN, TAIL_POS)
    else:
        return chatter(rng, brand, sector, lang, 0.1)
    return rng.choice(OPEN_FR if fr else OPEN_EN) + fill(rng, rng.choice(core), brand, sector, lang) + rng.choice(tails)


def angry_post(rng: random.Random, brand: str, sector: str, lang: str) -> str:
    core = ANGRY_FR if lang == "fr" else ANGRY_EN
    return fill(rng, rng.choice(core), brand, sector, lang) + rng.choice(TAIL_NEG_FR if lang == "fr" else TAIL_NEG)


def echo_post(rng: random.Random, brand: str, sector: str, lang: str) -> str:
    return fill(rng, rng.choice(ECHO_FR if lang == "fr" else ECHO_EN), brand, sector, lang)


def flood_master(rng: random.Random, brand: str, lang: str, spam: bool) -> str:
    fr = lang == "fr"
    if spam:
        return rng.choice(FLOOD_SPAM_FR if fr else FLOOD_SPAM_EN)
    acc = rng.choice(ACCUSATIONS_FR if fr else ACCUSATIONS_EN)
    return rng.choice(FLOOD_NEG_FR if fr else FLOOD_NEG_EN).replace("{acc}", acc)


def flood_variant(rng: random.Random, master: str, brand: str) -> str:
    """A near-duplicate: same sentence, small random changes bots make to dodge filters."""
    text = master.replace("{B}", brand).replace("{url}", f"https://bit.example/{rng.randrange(36**5):x}")
    r = rng.random()
    if r < 0.25:
        text = text.upper()
    elif r < 0.4:
        text = text.replace("!", "!!")
    tail = rng.choice(["", " 🔥", " ⚠️", " #" + brand.replace(" ", ""), " #truth", " .", "  ", f" {rng.randint(1, 999)}"])
    return text + tail
