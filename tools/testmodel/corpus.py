"""A synthetic German→English corpus of defence-news sentences for the project's test model.

Seeded and reproducible. Three kinds of pairs:
- template sentences (visits, agreements, exercises, deliveries, statements, headlines) with
  inflected slots for people, offices, places, countries, organisations, systems, numbers
  and dates;
- copy training: invented names and placeholder tokens (ZZ<n>, see defnews.placeholders) in
  every kind of slot, so the model passes through what it has never seen;
- word-by-word "lexicon" sentences, so that unfamiliar text still comes out as English words
  with placeholders, names and numbers in place.

The test model exists to exercise the mechanics of defnews; its English says nothing about
real translation quality.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

# ----------------------------------------------------------------------------- slots

# (nominative, accusative, dative, genitive, English) noun phrases.
OFFICES = [
    ("der Verteidigungsminister", "den Verteidigungsminister", "dem Verteidigungsminister",
     "des Verteidigungsministers", "the defence minister"),
    ("der Außenminister", "den Außenminister", "dem Außenminister", "des Außenministers",
     "the foreign minister"),
    ("der Präsident", "den Präsidenten", "dem Präsidenten", "des Präsidenten", "the president"),
    ("der Generalstabschef", "den Generalstabschef", "dem Generalstabschef",
     "des Generalstabschefs", "the chief of the general staff"),
    ("der Regierungssprecher", "den Regierungssprecher", "dem Regierungssprecher",
     "des Regierungssprechers", "the government spokesman"),
    ("die Verteidigungsministerin", "die Verteidigungsministerin", "der Verteidigungsministerin",
     "der Verteidigungsministerin", "the defence minister"),
    ("die Außenministerin", "die Außenministerin", "der Außenministerin", "der Außenministerin",
     "the foreign minister"),
    ("der Kommandeur", "den Kommandeur", "dem Kommandeur", "des Kommandeurs", "the commander"),
    ("der Botschafter", "den Botschafter", "dem Botschafter", "des Botschafters",
     "the ambassador"),
    ("der Generalsekretär", "den Generalsekretär", "dem Generalsekretär",
     "des Generalsekretärs", "the secretary general"),
    ("der Kanzler", "den Kanzler", "dem Kanzler", "des Kanzlers", "the chancellor"),
    ("der Oberbefehlshaber", "den Oberbefehlshaber", "dem Oberbefehlshaber",
     "des Oberbefehlshabers", "the commander-in-chief"),
]
ADJ_COUNTRY = [  # (stem for -e/-en endings, English)
    ("russisch", "Russian"), ("iranisch", "Iranian"), ("belarussisch", "Belarusian"),
    ("ukrainisch", "Ukrainian"), ("polnisch", "Polish"), ("deutsch", "German"),
    ("französisch", "French"), ("chinesisch", "Chinese"), ("litauisch", "Lithuanian"),
    ("amerikanisch", "American"), ("britisch", "British"), ("türkisch", "Turkish"),
]
NAMES = [  # (German spelling, English spelling)
    ("Schoigu", "Shoigu"), ("Selenskyj", "Zelensky"), ("Lukaschenko", "Lukashenko"),
    ("Chrenin", "Khrenin"), ("Pistorius", "Pistorius"), ("Rutte", "Rutte"),
    ("Stoltenberg", "Stoltenberg"), ("Beloussow", "Belousov"), ("Gerassimow", "Gerasimov"),
    ("Lawrow", "Lavrov"), ("Putin", "Putin"), ("Tusk", "Tusk"), ("Macron", "Macron"),
    ("Kallas", "Kallas"), ("Baerbock", "Baerbock"), ("Merz", "Merz"), ("Raisi", "Raisi"),
    ("Peseschkian", "Pezeshkian"), ("Araghtschi", "Araghchi"), ("Nasirsadeh", "Nasirzadeh"),
    ("Kosiniak-Kamysz", "Kosiniak-Kamysz"), ("Umerow", "Umerov"), ("Syrskyj", "Syrskyi"),
]
PLACES = [
    ("Moskau", "Moscow"), ("Teheran", "Tehran"), ("Warschau", "Warsaw"), ("Kiew", "Kyiv"),
    ("Minsk", "Minsk"), ("Berlin", "Berlin"), ("Peking", "Beijing"), ("Brüssel", "Brussels"),
    ("Wilna", "Vilnius"), ("Riga", "Riga"), ("Paris", "Paris"), ("London", "London"),
    ("Washington", "Washington"), ("Ankara", "Ankara"), ("Munster", "Munster"),
    ("Rostock", "Rostock"), ("Koblenz", "Koblenz"), ("Charkiw", "Kharkiv"), ("Odessa", "Odesa"),
    ("Sankt Petersburg", "St Petersburg"), ("Danzig", "Gdansk"), ("Prag", "Prague"),
]
COUNTRIES = [
    ("Russland", "Russia"), ("Belarus", "Belarus"), ("Weißrussland", "Belarus"),
    ("Polen", "Poland"), ("Deutschland", "Germany"), ("Frankreich", "France"),
    ("China", "China"), ("Litauen", "Lithuania"), ("Lettland", "Latvia"),
    ("Estland", "Estonia"), ("Finnland", "Finland"), ("Schweden", "Sweden"),
    ("Nordkorea", "North Korea"), ("Großbritannien", "Britain"),
]
COUNTRIES_WITH_ARTICLE = [  # (nom, dat, gen, English)
    ("der Iran", "dem Iran", "des Iran", "Iran"),
    ("die Ukraine", "der Ukraine", "der Ukraine", "Ukraine"),
    ("die Türkei", "der Türkei", "der Türkei", "Turkey"),
    ("die USA", "den USA", "der USA", "the US"),
]
ORGS = [  # (nom, acc, dat, gen, English)
    ("die NATO", "die NATO", "der NATO", "der NATO", "NATO"),
    ("die Bundeswehr", "die Bundeswehr", "der Bundeswehr", "der Bundeswehr", "the Bundeswehr"),
    ("die Bundesregierung", "die Bundesregierung", "der Bundesregierung", "der Bundesregierung",
     "the federal government"),
    ("das Verteidigungsministerium", "das Verteidigungsministerium",
     "dem Verteidigungsministerium", "des Verteidigungsministeriums", "the defence ministry"),
    ("die Europäische Union", "die Europäische Union", "der Europäischen Union",
     "der Europäischen Union", "the European Union"),
    ("der Kreml", "den Kreml", "dem Kreml", "des Kremls", "the Kremlin"),
    ("die Regierung", "die Regierung", "der Regierung", "der Regierung", "the government"),
    ("die Armee", "die Armee", "der Armee", "der Armee", "the army"),
    ("die Luftwaffe", "die Luftwaffe", "der Luftwaffe", "der Luftwaffe", "the air force"),
    ("die Marine", "die Marine", "der Marine", "der Marine", "the navy"),
    ("der Bundestag", "den Bundestag", "dem Bundestag", "des Bundestages", "the Bundestag"),
    ("Rosoboronexport", "Rosoboronexport", "Rosoboronexport", "von Rosoboronexport",
     "Rosoboronexport"),
    ("die Revolutionsgarden", "die Revolutionsgarden", "den Revolutionsgarden",
     "der Revolutionsgarden", "the Revolutionary Guards"),
    ("das Beschaffungsamt", "das Beschaffungsamt", "dem Beschaffungsamt",
     "des Beschaffungsamtes", "the procurement office"),
    ("der Rüstungskonzern", "den Rüstungskonzern", "dem Rüstungskonzern",
     "des Rüstungskonzerns", "the arms company"),
]
SYSTEMS = [  # (plural German, plural English, singular German (acc), singular English)
    ("Kampfpanzer", "main battle tanks", "einen Kampfpanzer", "a main battle tank"),
    ("Kampfdrohnen", "combat drones", "eine Kampfdrohne", "a combat drone"),
    ("Drohnen", "drones", "eine Drohne", "a drone"),
    ("Marschflugkörper", "cruise missiles", "einen Marschflugkörper", "a cruise missile"),
    ("ballistische Raketen", "ballistic missiles", "eine ballistische Rakete",
     "a ballistic missile"),
    ("Raketen", "missiles", "eine Rakete", "a missile"),
    ("Flugabwehrsysteme", "air defence systems", "ein Flugabwehrsystem",
     "an air defence system"),
    ("Haubitzen", "howitzers", "eine Haubitze", "a howitzer"),
    ("Schützenpanzer", "infantry fighting vehicles", "einen Schützenpanzer",
     "an infantry fighting vehicle"),
    ("Kampfflugzeuge", "fighter jets", "ein Kampfflugzeug", "a fighter jet"),
    ("Hubschrauber", "helicopters", "einen Hubschrauber", "a helicopter"),
    ("Fregatten", "frigates", "eine Fregatte", "a frigate"),
    ("U-Boote", "submarines", "ein U-Boot", "a submarine"),
    ("Granaten", "shells", "eine Granate", "a shell"),
    ("Gewehre", "rifles", "ein Gewehr", "a rifle"),
    ("Radarsysteme", "radar systems", "ein Radarsystem", "a radar system"),
    ("Shahed-Drohnen", "Shahed drones", "eine Shahed-Drohne", "a Shahed drone"),
    ("Leopard-Panzer", "Leopard tanks", "einen Leopard-Panzer", "a Leopard tank"),
]
TOPICS = [  # (German after "über", English after "on/about")
    ("die militärische Zusammenarbeit", "military cooperation"),
    ("die Lieferung von Waffen", "the delivery of weapons"),
    ("die Sicherheit in Europa", "security in Europe"),
    ("den Krieg in der Ukraine", "the war in Ukraine"),
    ("die Rüstungskontrolle", "arms control"),
    ("die gemeinsame Militärübung", "the joint military exercise"),
    ("den Waffenstillstand", "the ceasefire"),
    ("die Sanktionen", "the sanctions"),
    ("die Luftverteidigung", "air defence"),
    ("das Sondervermögen", "the special fund"),
    ("die Ausbildung von Soldaten", "the training of soldiers"),
    ("den Schutz der Ostflanke", "the protection of the eastern flank"),
]
DOCS = [  # (German acc, English)
    ("eine Absichtserklärung", "a memorandum of understanding"),
    ("ein Abkommen", "an agreement"),
    ("einen Vertrag", "a treaty"),
    ("eine Vereinbarung", "an agreement"),
    ("einen Rüstungsvertrag", "an arms contract"),
    ("eine gemeinsame Erklärung", "a joint declaration"),
]
EXERCISES = [("eine gemeinsame Militärübung", "a joint military exercise"),
             ("ein Manöver", "a manoeuvre"), ("eine Übung", "an exercise"),
             ("eine Seeübung", "a naval exercise"), ("eine Luftübung", "an air exercise")]
WEEKDAYS = [("am Montag", "on Monday"), ("am Dienstag", "on Tuesday"),
            ("am Mittwoch", "on Wednesday"), ("am Donnerstag", "on Thursday"),
            ("am Freitag", "on Friday"), ("am Samstag", "on Saturday"),
            ("am Sonntag", "on Sunday"), ("gestern", "yesterday"), ("heute", "today"),
            ("in dieser Woche", "this week"), ("in der vergangenen Woche", "last week")]
MONTHS = [("Januar", "January"), ("Februar", "February"), ("März", "March"),
          ("April", "April"), ("Mai", "May"), ("Juni", "June"), ("Juli", "July"),
          ("August", "August"), ("September", "September"), ("Oktober", "October"),
          ("November", "November"), ("Dezember", "December")]
QUOTES = [
    ("Wir stehen an der Seite unserer Partner", "We stand by our partners"),
    ("Die Lage ist ernst", "The situation is serious"),
    ("Wir werden unsere Verteidigung stärken", "We will strengthen our defence"),
    ("Das ist ein wichtiger Schritt", "This is an important step"),
    ("Die Bedrohung wächst", "The threat is growing"),
    ("Wir brauchen mehr Munition", "We need more ammunition"),
    ("Die Gespräche waren konstruktiv", "The talks were constructive"),
    ("Wir lassen uns nicht einschüchtern", "We will not be intimidated"),
]

# Word-by-word lexicon: German word → English word (sentences built from it are glosses).
LEXICON = """der the|die the|das the|den the|dem the|des of the|ein a|eine an|und and|oder or|
aber but|mit with|nach to|in in|im in the|am on|auf on|über about|für for|gegen against|
von of|vom from the|zum to the|zur to the|bei at|aus from|seit since|bis until|nicht not|
auch also|noch still|schon already|sehr very|mehr more|weniger fewer|neue new|neuen new|
alte old|große large|großen large|kleine small|schnell quickly|erneut again|wieder again|
Minister minister|Soldaten soldiers|Soldat soldier|Truppen troops|Armee army|Krieg war|
Frieden peace|Angriff attack|Angriffe attacks|Grenze border|Stadt city|Land country|
Regierung government|Parlament parliament|Staat state|Staaten states|Volk people|
Waffen weapons|Munition ammunition|Panzer tanks|Rakete missile|Raketen missiles|
Drohne drone|Drohnen drones|Flugzeug aircraft|Flugzeuge aircraft|Schiff ship|Schiffe ships|
Basis base|Stützpunkt base|Hafen port|Flughafen airport|Kaserne barracks|Front front|
Gespräche talks|Treffen meeting|Besuch visit|Reise trip|Vertrag treaty|Abkommen agreement|
Plan plan|Pläne plans|Bericht report|Berichten reports|Angaben information|Quellen sources|
Kritik criticism|Warnung warning|Drohung threat|Gefahr danger|Schutz protection|
Hilfe aid|Unterstützung support|Zusammenarbeit cooperation|Sicherheit security|
Verteidigung defence|Rüstung armaments|Industrie industry|Haushalt budget|Geld money|
Milliarden billion|Millionen million|Euro euros|Dollar dollars|Prozent percent|Jahr year|
Jahre years|Monate months|Wochen weeks|Tage days|Stunden hours|Nacht night|Morgen morning|
sagte said|sagten said|erklärte stated|betonte stressed|kritisierte criticised|
warnte warned|forderte demanded|kündigte announced|bestätigte confirmed|meldete reported|
berichtete reported|traf met|besuchte visited|reiste travelled|unterzeichnete signed|
lieferte delivered|bestellte ordered|kaufte bought|verkaufte sold|plant plans|will wants|
soll is to|sollen are to|muss must|kann can|wird will|werden will|wurde was|wurden were|
ist is|sind are|war was|waren were|hat has|haben have|hatte had|gibt there is|
zwischen between|unter under|vor before|nachdem after|während during|wegen because of|
ohne without|heute today|gestern yesterday|morgen tomorrow|bald soon|später later|
Nord north|Süd south|Ost east|West west|Osten east|Westen west|Europa Europe|Welt world|
gemeinsam jointly|gemeinsame joint|militärische military|militärischen military|
politische political|wirtschaftliche economic|offizielle official|geheime secret|
schwere heavy|leichte light|moderne modern|weitere further|ersten first|letzten last|
zwei two|drei three|vier four|fünf five|zehn ten|hundert hundred|tausend thousand|
Präsident president|Kanzler chancellor|General general|Offizier officer|Experte expert|
Experten experts|Sprecher spokesman|Botschafter ambassador|Delegation delegation|
Zivilisten civilians|Opfer victims|Verletzte injured|Tote dead|Gefangene prisoners|
Sanktionen sanctions|Export export|Import import|Lieferung delivery|Lieferungen deliveries|
Bau construction|Fabrik factory|Produktion production|Entwicklung development|
Technik technology|Systeme systems|System system|Radar radar|Satellit satellite|
Ministerium ministry|Behörde authority|Dienst service|Geheimdienst intelligence service|
Polizei police|Gericht court|Wahl election|Partei party|Opposition opposition|
Kommission commission|Rat council|Gipfel summit|Konferenz conference|Erklärung statement""".replace(
    "\n", "")

PUNCT = [(",", ","), (",", ","), ("–", "–"), (":", ":")]

CONNECT = [("und", "and"), ("aber", "but"), ("während", "while")]


def _lexicon() -> list[tuple[str, str]]:
    pairs = []
    for item in LEXICON.split("|"):
        de, _, en = item.strip().partition(" ")
        if de and en:
            pairs.append((de, en))
    return pairs


LEX = _lexicon()

SYLLABLES = ["ka", "ro", "vin", "tes", "mar", "lo", "zu", "bek", "an", "dri", "ol", "gar",
             "sen", "ti", "mo", "rak", "vel", "us", "ny", "pel", "kor", "ish", "da", "ba"]
# German-looking pieces for words the model has never seen: real articles are full of them,
# and the model must pass them (and the placeholders between them) through, not drop them.
GERMANISH = ["ver", "be", "ge", "an", "auf", "ein", "aus", "ab", "zu", "über", "unter",
             "hand", "lung", "stand", "schaft", "keit", "heit", "ung", "ende", "lich", "ig",
             "isch", "bar", "sam", "los", "wert", "haft", "ten", "sen", "ern", "ge", "brü",
             "schä", "stö", "wä", "mü", "ßen", "ch", "sch", "tz", "pf", "rei", "mein", "wahl"]


class Gen:
    """One seeded generator of sentence pairs."""

    def __init__(self, seed: int) -> None:
        self.r = random.Random(seed)

    # -- atoms
    def invented(self) -> str:
        n = self.r.randint(2, 4)
        word = "".join(self.r.choice(SYLLABLES) for _ in range(n))
        return word.capitalize()

    def unknown_word(self) -> str:
        n = self.r.randint(2, 5)
        word = "".join(self.r.choice(GERMANISH) for _ in range(n))
        return word.capitalize() if self.r.random() < 0.5 else word

    def placeholder(self, used: set[int]) -> str:
        while True:
            # Per-sentence numbering makes small numbers the common case.
            x = self.r.random()
            n = self.r.randint(1, 5) if x < 0.7 else self.r.randint(6, 12) if x < 0.9 else \
                self.r.randint(13, 40)
            if n not in used:
                used.add(n)
                return f"ZZ{n}"

    def number(self) -> tuple[str, str]:
        r = self.r.random()
        if r < 0.4:
            n = self.r.randint(2, 99)
            return str(n), str(n)
        if r < 0.8:
            n = self.r.choice([100, 150, 200, 250, 300, 400, 500, 600, 800]) * self.r.choice(
                [1, 1, 10, 100])
            de = f"{n:,}".replace(",", ".")
            return de, f"{n:,}"
        whole = self.r.randint(1, 99)
        frac = self.r.randint(1, 9)
        return f"{whole},{frac}", f"{whole}.{frac}"

    def date(self) -> tuple[str, str]:
        r = self.r.random()
        if r < 0.5:
            return self.r.choice(WEEKDAYS)
        month_de, month_en = self.r.choice(MONTHS)
        if r < 0.8:
            day = self.r.randint(1, 31)
            return f"am {day}. {month_de}", f"on {day} {month_en}"
        if r < 0.9:
            return f"im {month_de}", f"in {month_en}"
        year = self.r.randint(2019, 2031)
        return f"im Jahr {year}", f"in {year}"

    def person(self, used: set[int]) -> tuple[dict[str, str], str]:
        """A person noun phrase in four cases, its English, and the bare name (for 's)."""
        r = self.r.random()
        if r < 0.3:
            name_de, name_en = self.r.choice(NAMES)
        elif r < 0.5:
            name_de = name_en = self.invented()
        elif r < 0.75:
            name_de = name_en = self.placeholder(used)
        else:
            name_de = name_en = ""
        office = self.r.choice(OFFICES)
        if name_de and self.r.random() < 0.45:
            return {"nom": name_de, "acc": name_de, "dat": name_de, "gen": name_de + "s"}, \
                name_en
        if self.r.random() < 0.4:
            stem, adj_en = self.r.choice(ADJ_COUNTRY)
            en_office = office[4].replace("the ", f"the {adj_en} ", 1)
            art = office[0].split()[0]
            fem = art == "die"
            forms = {
                "nom": f"{art} {stem}e {office[0].split(' ', 1)[1]}",
                "acc": f"{office[1].split()[0]} {stem}{'e' if fem else 'en'} "
                       f"{office[1].split(' ', 1)[1]}",
                "dat": f"{office[2].split()[0]} {stem}en {office[2].split(' ', 1)[1]}",
                "gen": f"{office[3].split()[0]} {stem}en {office[3].split(' ', 1)[1]}",
            }
        else:
            en_office = office[4]
            forms = {"nom": office[0], "acc": office[1], "dat": office[2], "gen": office[3]}
        if name_de:
            forms = {k: f"{v} {name_de}" for k, v in forms.items()}
            en_office = f"{en_office} {name_en}".replace("the ", "", 1) if self.r.random() < 0 \
                else f"{en_office} {name_en}"
        return forms, en_office

    def place(self, used: set[int]) -> tuple[str, str]:
        r = self.r.random()
        if r < 0.65:
            return self.r.choice(PLACES)
        if r < 0.82:
            w = self.invented()
            return w, w
        p = self.placeholder(used)
        return p, p

    def country(self, used: set[int]) -> tuple[dict[str, str], str]:
        r = self.r.random()
        if r < 0.55:
            de, en = self.r.choice(COUNTRIES)
            return {"nom": de, "dat": de, "gen": de}, en
        if r < 0.75:
            nom, dat, gen, en = self.r.choice(COUNTRIES_WITH_ARTICLE)
            return {"nom": nom, "dat": dat, "gen": gen}, en
        p = self.placeholder(used) if r < 0.9 else self.invented()
        return {"nom": p, "dat": p, "gen": p}, p

    def org(self, used: set[int]) -> tuple[dict[str, str], str]:
        if self.r.random() < 0.2:
            p = self.placeholder(used)
            if self.r.random() < 0.5:
                return {"nom": f"die {p}", "acc": f"die {p}", "dat": f"der {p}",
                        "gen": f"der {p}"}, f"the {p}"
            return {"nom": p, "acc": p, "dat": p, "gen": f"von {p}"}, p
        nom, acc, dat, gen, en = self.r.choice(ORGS)
        return {"nom": nom, "acc": acc, "dat": dat, "gen": gen}, en

    def system(self, used: set[int]) -> tuple[str, str]:
        if self.r.random() < 0.2:
            p = self.placeholder(used)
            return p, p
        pl_de, pl_en, _, _ = self.r.choice(SYSTEMS)
        return pl_de, pl_en

    # -- sentences
    def template(self) -> tuple[str, str]:
        used: set[int] = set()
        r = self.r
        p, pe = self.person(used)
        p2, p2e = self.person(used)
        pl, ple = self.place(used)
        c, ce = self.country(used)
        c2, c2e = self.country(used)
        o, oe = self.org(used)
        s, se = self.system(used)
        d, de_ = self.date()
        num, nume = self.number()
        doc, doce = r.choice(DOCS)
        topic, topice = r.choice(TOPICS)
        ex, exe = r.choice(EXERCISES)
        q, qe = r.choice(QUOTES)
        cap = _cap
        options = [
            (f"{cap(p['nom'])} reiste {d} nach {pl}.", f"{cap(pe)} travelled to {ple} {de_}."),
            (f"{cap(p['nom'])} traf {d} in {pl} {p2['acc']}.",
             f"{cap(pe)} met {p2e} in {ple} {de_}."),
            (f"{cap(d)} traf {p['nom']} {p2['acc']}.", f"{cap(de_)}, {pe} met {p2e}."),
            (f"{cap(c['nom'])} und {c2['nom']} unterzeichneten {doc} über {topic}.",
             f"{cap(ce)} and {c2e} signed {doce} on {topice}."),
            (f"{cap(p['nom'])} unterzeichnete {d} in {pl} {doc}.",
             f"{cap(pe)} signed {doce} in {ple} {de_}."),
            (f"{cap(o['nom'])} bestellt {num} {s}.", f"{cap(oe)} is ordering {nume} {se}."),
            (f"{cap(o['nom'])} hat {num} {s} bestellt.", f"{cap(oe)} has ordered {nume} {se}."),
            (f"{cap(c['nom'])} liefert {num} {s} an {c2['acc'] if 'acc' in c2 else c2['nom']}.",
             f"{cap(ce)} is delivering {nume} {se} to {c2e}."),
            (f"{cap(c['nom'])} will {s} aus {c2['dat']} kaufen.",
             f"{cap(ce)} wants to buy {se} from {c2e}."),
            (f"{cap(d)} begann {ex} in {pl}.", f"{cap(exe)} began in {ple} {de_}."),
            (f"An der Übung nehmen {num} Soldaten teil.",
             f"{nume} soldiers are taking part in the exercise."),
            (f"{cap(o['nom'])} hält {d} {ex} ab.", f"{cap(oe)} is holding {exe} {de_}."),
            (f"„{q}“, sagte {p['nom']}.", f"\"{qe},\" said {pe}."),
            (f"„{q}“, sagte {p['nom']} {d} in {pl}.", f"\"{qe},\" {pe} said in {ple} {de_}."),
            (f"{cap(p['nom'])} sagte, {q.lower() if q.startswith('Die') else q}.",
             f"{cap(pe)} said: {qe.lower() if qe.startswith('The') else qe}."),
            (f"{cap(p['nom'])} sprach mit {p2['dat']} über {topic}.",
             f"{cap(pe)} spoke with {p2e} about {topice}."),
            (f"Die Gespräche über {topic} dauerten {num} Stunden.",
             f"The talks on {topice} lasted {nume} hours."),
            (f"Der Besuch {p['gen']} in {pl} dauerte zwei Tage.",
             f"The visit of {pe} to {ple} lasted two days."),
            (f"Nach Angaben {o['gen']} wurden {num} {s} geliefert.",
             f"According to {oe}, {nume} {se} were delivered."),
            (f"{cap(o['nom'])} stellt {num} Milliarden Euro für {s} bereit.",
             f"{cap(oe)} is providing {nume} billion euros for {se}."),
            (f"Der Vertrag hat einen Wert von {num} Millionen Euro.",
             f"The contract is worth {nume} million euros."),
            (f"{cap(c['nom'])} griff {d} {pl} mit {s} an.",
             f"{cap(ce)} attacked {ple} with {se} {de_}."),
            (f"Bei dem Angriff auf {pl} wurden {num} Menschen getötet.",
             f"{nume} people were killed in the attack on {ple}."),
            (f"{cap(p['nom'])} kritisierte {d} die Pläne {o['gen']}.",
             f"{cap(pe)} criticised the plans of {oe} {de_}."),
            (f"{cap(p['nom'])} warnte vor einer Eskalation.",
             f"{cap(pe)} warned of an escalation."),
            (f"{cap(o['nom'])} bestätigte den Bericht nicht.",
             f"{cap(oe)} did not confirm the report."),
            (f"{cap(c['nom'])} und {c2['nom']} wollen ihre Zusammenarbeit ausbauen.",
             f"{cap(ce)} and {c2e} want to expand their cooperation."),
            (f"Die Lieferung der {s} soll {d} beginnen.",
             f"The delivery of the {se} is to begin {de_}."),
            (f"{cap(p['nom'])} in {pl}", f"{cap(pe)} in {ple}"),
            (f"{cap(c['nom'])} bestellt {s}", f"{cap(ce)} orders {se}"),
            (f"{cap(ex)} in {pl}", f"{cap(exe)} in {ple}"),
            (f"Neue {s} für {o['acc']}", f"New {se} for {oe}"),
            (f"Was plant {c['nom']}?", f"What is {ce} planning?"),
            (f"Wie viele {s} hat {c['nom']}?", f"How many {se} does {ce} have?"),
            (f"{cap(p['nom'])} erklärte, dass {c['nom']} {num} {s} liefern wird.",
             f"{cap(pe)} stated that {ce} will deliver {nume} {se}."),
            (f"{cap(p['nom'])} besuchte {d} die Truppen in {pl}, "
             f"und {p2['nom']} reiste nach {c2['nom']}.",
             f"{cap(pe)} visited the troops in {ple} {de_}, and {p2e} travelled to {c2e}."),
        ]
        if p["gen"].endswith("s") and " " not in p["gen"]:
            options.append((f"{p['gen']} Besuch in {pl} wurde abgesagt.",
                            f"{pe}'s visit to {ple} was cancelled."))
        return r.choice(options)

    def gloss(self) -> tuple[str, str]:
        """A word-by-word pseudo sentence with names, numbers and placeholders in it."""
        used: set[int] = set()
        n = self.r.randint(3, 14) if self.r.random() < 0.7 else self.r.randint(15, 28)
        de, en = [], []
        for i in range(n):
            x = self.r.random()
            if x < 0.12:
                tok = self.placeholder(used)
                de.append(tok)
                en.append(tok)
            elif x < 0.16:
                w = self.invented()
                de.append(w)
                en.append(w)
            elif x < 0.22:  # unknown words are copied, never dropped
                w = self.unknown_word()
                de.append(w)
                en.append(w)
            elif x < 0.26:
                a, b = self.r.choice(PUNCT)
                de.append(a)
                en.append(b)
                continue
            elif x < 0.30:
                a, b = self.number()
                de.append(a)
                en.append(b)
            elif x < 0.34:
                a, b = self.r.choice(PLACES + COUNTRIES)
                de.append(a)
                en.append(b)
            else:
                a, b = self.r.choice(LEX)
                if i == 0:
                    a, b = a[:1].upper() + a[1:], b[:1].upper() + b[1:]
                de.append(a)
                en.append(b)
        end = self.r.choice([".", ".", ".", "", "?"])
        return _attach(" ".join(de)) + end, _attach(" ".join(en)) + end

    def pair(self) -> tuple[str, str]:
        x = self.r.random()
        if x < 0.56:
            return self.template()
        if x < 0.92:
            return self.gloss()
        if x < 0.96:  # a lone name, place or placeholder (short inputs must stop)
            used: set[int] = set()
            a, b = self.place(used) if self.r.random() < 0.5 else (lambda p: (p, p))(
                self.placeholder(used))
            return a, b
        first, second = self.template(), self.template()
        conj_de, conj_en = self.r.choice(CONNECT[:1])
        return (f"{first[0].rstrip('.')} {conj_de} {_lower_first(second[0])}",
                f"{first[1].rstrip('.')} {conj_en} {_lower_first(second[1])}")


def _attach(s: str) -> str:
    return s.replace(" ,", ",").replace(" :", ":").strip(" ,:–")


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _lower_first(s: str) -> str:
    head = s.split(" ", 1)[0]
    if head in {"Der", "Die", "Das", "The", "An", "Nach", "Bei", "Neue", "New"}:
        return s[:1].lower() + s[1:]
    return s


def pairs(seed: int, n: int) -> Iterator[tuple[str, str]]:
    g = Gen(seed)
    for _ in range(n):
        yield g.pair()


def held_out_pairs(seed: int, n: int) -> list[tuple[str, str]]:
    """Fresh template sentences (no glosses) from another seed, for evaluation."""
    g = Gen(seed)
    return [g.template() for _ in range(n)]
