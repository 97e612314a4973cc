"""Text fragments for bench/scenarios.py, in English and French.

A mention is one fragment from each slot of its mood, so organic mentions rarely look alike
(unlike a copy-paste flood), and the vocabulary is real negative/positive/neutral wording that
VADER and the French lexicon score as people would.
"""

from __future__ import annotations

from dataclasses import dataclass
from random import Random

Slots = list[list[str]]


@dataclass(frozen=True)
class BrandTexts:
    moods: dict[str, Slots]
    context: tuple[list[str], list[str]] = ([""], [""])

    def compose(self, rng: Random, mood: str, brand: str) -> str:
        """One mention: a fragment per slot of `mood`; people's posts (not headlines) get
        a context clause before or after, as real posts wander."""
        slots = self.moods[mood]
        parts = [slot[rng.randrange(len(slot))] for slot in slots]
        if not mood.startswith("news"):
            before, after = self.context
            if rng.random() < 0.7:
                parts.insert(1, rng.choice(before))
            if rng.random() < 0.7:
                parts.insert(len(parts) - 1, rng.choice(after))
        return " ".join(p for p in parts if p).replace("{b}", brand).strip()


EN = BrandTexts({
    "negative": [
        ["", "Honestly,", "Ugh.", "Wow.", "So,", "Well", "Seriously,", "Not again:", "PSA:",
         "Just saying,"],
        ["{b} support is useless and rude", "my {b} order arrived broken",
         "{b} charged me twice and won't refund", "the new {b} app is slow and buggy",
         "{b} cancelled my delivery without warning", "terrible experience with {b} today",
         "{b} customer service kept me waiting two hours", "the {b} update ruined everything",
         "{b} prices went up again, ridiculous", "worst purchase ever from {b}",
         "{b} lost my parcel and nobody cares", "disappointed by the poor quality of {b}"],
        ["", "so annoying", "what a joke", "never again", "I'm angry", "awful",
         "hate this", "really bad", "so frustrating", "pathetic"],
        ["", "", "#fail", "😡", "👎", "smh", "#complaint", "..."],
    ],
    "crisis": [
        ["", "BREAKING:", "This is scary.", "Outrageous:", "Shocking:", "Unbelievable.",
         "Alert:", "Disgusting."],
        ["{b} products recalled after people got sick",
         "{b} leaked millions of customer passwords", "{b} accused of hiding a dangerous defect",
         "kids hurt by faulty {b} toys", "{b} factory fire, toxic smoke over the town",
         "{b} caught lying about safety tests", "contaminated {b} food sends families to hospital",
         "{b} fired staff who reported the fraud", "{b} batteries exploding, several injured",
         "{b} data breach exposes bank details", "{b} scandal grows as victims speak out",
         "lawsuit against {b} for deadly negligence"],
        ["", "this is a disgrace", "they must answer", "boycott now", "people are furious",
         "absolutely horrible", "shameful", "criminal", "terrifying", "I'm scared for my kids"],
        ["", "", "#boycott", "#scandal", "😱", "😡😡", "RT if you agree", "!!"],
    ],
    "positive": [
        ["", "Wow,", "Honestly,", "Yes!", "Just saw this:", "Big fan,", "Okay,", "Love it:"],
        ["the new {b} ad is brilliant", "{b} support fixed my issue in minutes",
         "loving my new {b} jacket", "{b} nailed it with this launch", "great service from {b}",
         "the {b} team is amazing", "{b} just made my day", "best coffee ever at {b}",
         "{b} app update is fantastic", "{b} delivered early, excellent",
         "really impressed by {b}", "{b} collaboration is so cool"],
        ["", "thank you", "well done", "awesome", "so happy", "great job", "love this",
         "highly recommend", "perfect", "beautiful"],
        ["", "", "❤️", "👏", "😍", "#love", "🙌", "!"],
    ],
    "neutral": [
        ["", "FYI", "Heads up:", "Note:", "Today", "Question:", "Update:", "So"],
        ["{b} opens a store in Leeds on Monday", "{b} changes its opening hours",
         "does {b} ship to Canada", "{b} publishes its quarterly report",
         "{b} announces a new chief executive", "{b} moves its headquarters",
         "anyone tried the {b} subscription", "{b} event scheduled for next week",
         "{b} catalogue for spring is out", "{b} partners with a logistics firm",
         "comparing {b} and its competitors", "{b} hiring in three cities"],
        ["", "details on the website", "more info soon", "according to the press release",
         "as planned", "via the newsletter", "at 9am", "for now"],
        ["", "", "#news", "(link)", "🔗", "#business"],
    ],
    "news_crisis": [
        ["{b} faces mounting anger:", "Regulator opens inquiry into {b}:",
         "{b} under fire:", "Investigation: {b}", "{b} crisis deepens:", "Police probe {b}:"],
        ["victims describe injuries and demand answers", "shares fall as the recall widens",
         "ministers call the failures unacceptable", "customers report serious harm",
         "lawyers prepare a class action", "internal documents reveal ignored warnings"],
        ["", "the company declined to comment", "the firm apologised late on Tuesday",
         "experts warn of wider risks"],
    ],
    "news_neutral": [
        ["{b} announces results:", "{b} names new leadership:", "{b} expands:",
         "Business briefing: {b}", "{b} opens new site:", "Markets: {b}"],
        ["revenue in line with forecasts", "a new chief executive starts in June",
         "the group plans 200 hires", "the company opens a logistics centre",
         "the board approved the plan", "the firm reorganises its divisions"],
        ["", "analysts expected the move", "the announcement came on Monday",
         "details were published in a statement"],
    ],
}, (
    ["my sister told me that", "at the shop near the station", "after three weeks of waiting",
     "on my way to work", "I read on a forum that", "my colleague says", "this morning",
     "last night", "in the Manchester store", "for my kid's birthday", "during lunch break",
     "while travelling in Spain", "my flatmate noticed", "when I checked the website",
     "after the weekend", "since the move", "someone in Bristol wrote", "once again today",
     "on the train home", "after reading the reviews", "as a customer for ten years",
     "my dad mentioned", "at the airport", "right before the meeting"],
    ["and my neighbour saw it too", "no idea why", "if anyone wonders", "just my two cents",
     "that's all", "we'll see tomorrow", "as usual on Mondays", "while it rained all day",
     "and the queue was long", "according to my cousin", "even my grandma noticed",
     "posting from my phone", "in case you were asking", "and the parking was full",
     "before the match started", "with the kids around", "between two meetings",
     "on a Sunday of all days", "after the gym", "from the north of town"],
))
EN.moods["flood"] = [
    ["Boycott {b} now!", "Stop buying {b}!", "{b} = scam.", "Shame on {b}!", "Never trust {b}!"],
    ["They lie to customers and steal your money", "worst company ever, awful and dishonest",
     "they treat workers terribly, disgusting", "fake reviews and horrible products"],
    ["Share this everywhere!", "Spread the word!", "Don't be fooled!"],
]
EN.moods["news_negative"] = EN.moods["news_crisis"]
EN.moods["news_positive"] = EN.moods["news_neutral"]

FR = BrandTexts({
    "negative": [
        ["", "Franchement,", "Bon.", "Sérieusement,", "Encore une fois,", "Alors",
         "Je préviens:", "Bref,"],
        ["le service client de {b} est nul", "ma commande {b} est arrivée cassée",
         "{b} m'a prélevé deux fois et refuse de rembourser", "l'appli {b} est lente et buggée",
         "{b} a annulé ma livraison sans prévenir", "expérience horrible avec {b} aujourd'hui",
         "deux heures d'attente au service client {b}", "la mise à jour {b} a tout cassé",
         "{b} augmente encore ses prix, c'est honteux", "pire achat de ma vie chez {b}",
         "{b} a perdu mon colis et personne ne répond", "déçu par la mauvaise qualité {b}"],
        ["", "c'est pénible", "quelle arnaque", "plus jamais", "je suis furieux", "lamentable",
         "insupportable", "vraiment nul", "tellement décevant", "scandaleux"],
        ["", "", "#arnaque", "😡", "👎", "...", "#colère"],
    ],
    "crisis": [
        ["", "URGENT:", "C'est grave.", "Scandale:", "Incroyable.", "Alerte:", "Honteux."],
        ["rappel massif des produits {b} après des intoxications",
         "fuite de données chez {b}, des millions de comptes exposés",
         "{b} accusé de cacher un défaut dangereux", "des enfants blessés par des jouets {b}",
         "incendie à l'usine {b}, fumée toxique sur la ville",
         "{b} a menti sur les tests de sécurité",
         "des familles hospitalisées après avoir mangé des produits {b}",
         "{b} licencie les salariés qui ont dénoncé la fraude",
         "des batteries {b} explosent, plusieurs blessés",
         "le scandale {b} s'aggrave, les victimes témoignent",
         "plainte contre {b} pour négligence mortelle", "{b} mis en cause dans une fraude"],
        ["", "c'est une honte", "ils doivent répondre", "boycott", "les gens sont furieux",
         "absolument horrible", "inadmissible", "criminel", "terrifiant", "j'ai peur pour mes enfants"],
        ["", "", "#boycott", "#scandale", "😱", "😡😡", "!!"],
    ],
    "positive": [
        ["", "Waouh,", "Franchement,", "Oui !", "Je viens de voir ça:", "Grand fan,", "Alors,"],
        ["la nouvelle pub {b} est géniale", "le service client {b} a réglé mon souci en 5 minutes",
         "j'adore ma nouvelle veste {b}", "{b} a réussi son lancement", "super service chez {b}",
         "l'équipe {b} est formidable", "{b} a illuminé ma journée", "le meilleur café chez {b}",
         "la mise à jour {b} est excellente", "{b} a livré en avance, parfait",
         "vraiment impressionné par {b}", "la collaboration {b} est magnifique"],
        ["", "merci", "bravo", "génial", "trop content", "excellent travail", "j'adore",
         "je recommande", "parfait", "superbe"],
        ["", "", "❤️", "👏", "😍", "🙌", "!"],
    ],
    "neutral": [
        ["", "Info:", "À noter:", "Aujourd'hui", "Question:", "Mise à jour:", "Donc"],
        ["{b} ouvre un magasin à Lyon lundi", "{b} change ses horaires d'ouverture",
         "est-ce que {b} livre en Belgique", "{b} publie son rapport trimestriel",
         "{b} nomme un nouveau directeur général", "{b} déménage son siège",
         "quelqu'un a testé l'abonnement {b}", "événement {b} prévu la semaine prochaine",
         "le catalogue de printemps {b} est sorti", "{b} s'associe à un transporteur",
         "comparatif entre {b} et ses concurrents", "{b} recrute dans trois villes"],
        ["", "détails sur le site", "plus d'infos bientôt", "selon le communiqué",
         "comme prévu", "via la newsletter", "à 9h", "pour l'instant"],
        ["", "", "#actu", "(lien)", "🔗", "#économie"],
    ],
    "news_crisis": [
        ["{b} face à la colère:", "Enquête ouverte contre {b}:", "{b} dans la tourmente:",
         "Révélations: {b}", "La crise {b} s'aggrave:", "Scandale {b}:"],
        ["les victimes racontent leurs blessures", "l'action chute alors que le rappel s'étend",
         "le ministre juge les défaillances inacceptables", "des clients gravement touchés",
         "des avocats préparent une action collective", "des documents internes révèlent des alertes ignorées"],
        ["", "l'entreprise n'a pas souhaité commenter", "le groupe a présenté ses excuses",
         "des experts alertent sur des risques plus larges"],
    ],
    "news_neutral": [
        ["{b} publie ses résultats:", "{b} change de direction:", "{b} se développe:",
         "Économie: {b}", "{b} inaugure un site:", "Marchés: {b}"],
        ["un chiffre d'affaires conforme aux prévisions", "un nouveau directeur arrive en juin",
         "le groupe prévoit 200 embauches", "l'entreprise ouvre un centre logistique",
         "le conseil a validé le plan", "la société réorganise ses divisions"],
        ["", "les analystes attendaient l'annonce", "l'annonce a été faite lundi",
         "le détail figure dans un communiqué"],
    ],
}, (
    ["ma soeur m'a dit que", "au magasin près de la gare", "après trois semaines d'attente",
     "en allant au travail", "j'ai lu sur un forum que", "mon collègue dit que", "ce matin",
     "hier soir", "au magasin de Lille", "pour l'anniversaire du petit", "à la pause déjeuner",
     "en déplacement en Bretagne", "mon coloc a remarqué", "en regardant le site",
     "après le week-end", "depuis la rentrée", "quelqu'un à Nantes écrit", "encore aujourd'hui",
     "dans le train du retour", "après avoir lu les avis", "client depuis dix ans",
     "mon père a remarqué", "à l'aéroport", "juste avant la réunion"],
    ["et mon voisin est d'accord", "aucune idée pourquoi", "si jamais quelqu'un se demande",
     "c'est mon avis", "voilà", "on verra demain", "comme chaque lundi", "sous la pluie",
     "et la file était longue", "d'après mon cousin", "même ma grand-mère l'a vu",
     "depuis mon téléphone", "au cas où", "et le parking était plein", "avant le match",
     "avec les enfants autour", "entre deux réunions", "un dimanche en plus", "après le sport",
     "depuis le nord de la ville"],
))
FR.moods["flood"] = [
    ["Boycottez {b} !", "N'achetez plus chez {b} !", "{b} = arnaque.", "Honte à {b} !",
     "Ne faites jamais confiance à {b} !"],
    ["Ils mentent aux clients et volent votre argent", "pire entreprise, nulle et malhonnête",
     "ils traitent les salariés de façon honteuse", "faux avis et produits horribles"],
    ["Partagez partout !", "Faites tourner !", "Ne vous faites pas avoir !"],
]
FR.moods["news_negative"] = FR.moods["news_crisis"]
FR.moods["news_positive"] = FR.moods["news_neutral"]

TEXTS = {"en": EN, "fr": FR}
