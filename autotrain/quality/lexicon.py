"""Word lists: descriptive words (the "descriptive" bonus) and each genre's vocabulary.

Data tables, with the one check that reads the descriptive list the way `score` does.
"""

from __future__ import annotations

_DESCRIPTIVE_WORDS = """
red crimson scarlet ruby vermilion blue azure cobalt sapphire indigo navy cerulean green emerald jade
verdant olive yellow golden gold amber honeyed orange copper bronze purple violet lavender plum pink rosy
white ivory pale pallid ashen snowy black ebony inky jet grey gray silver silvery brown russet tawny
rust rusted colorful colourful vivid faded dull bright brilliant luminous radiant glowing gleaming
glittering glistening shimmering shining sparkling dazzling flickering glimmering dim dark darkened dusky
shadowy shadowed murky gloomy shady moonlit sunlit starlit candlelit lit misty hazy foggy smoky cloudy
clear translucent transparent opaque iridescent pearly burnished polished tarnished
loud quiet silent hushed soft muffled faint distant shrill piercing deafening thunderous booming
echoing resonant melodic musical rasping raspy hoarse husky harsh creaking creaky rustling whispering
humming buzzing crackling hissing roaring howling wailing ringing jangling
rough smooth silky velvety velvet coarse gritty sandy slick slippery sticky damp wet soaked sodden
dry brittle crisp crumbling jagged sharp blunt prickly thorny spiky bumpy knotted gnarled twisted
tangled tattered ragged worn weathered frayed torn cracked splintered scarred slimy oily greasy
warm hot scorching searing blazing burning fiery cold icy frozen frosty freezing chilly chill cool
tepid humid sweltering bitter biting
fragrant sweet sour salty acrid pungent musty musky earthy fresh stale rotten rancid putrid smoky
heavy light weightless massive enormous huge vast immense towering colossal gigantic giant tiny small
little minute slender slim thin narrow wide broad thick dense deep shallow tall short long endless
round curved crooked hollow steep sheer lofty
ancient old aged timeless new young youthful elderly modern forgotten abandoned ruined derelict
crumbling overgrown lush barren desolate bleak stark empty lonely lonesome remote wild rugged
beautiful lovely gorgeous elegant graceful delicate fragile exquisite ornate intricate grand majestic
regal stately splendid magnificent ugly hideous grotesque monstrous gaunt haggard grim stern
strange eerie uncanny weird odd peculiar curious mysterious ominous sinister menacing foreboding
haunting haunted dreadful dread terrible horrible awful ghastly grisly gruesome macabre morbid
happy joyful joyous cheerful merry glad delighted elated giddy content serene calm peaceful tranquil
gentle tender kind warm loving fond sad sorrowful mournful melancholy gloomy wistful forlorn grieving
weary tired exhausted anxious nervous uneasy restless fearful afraid frightened terrified scared
horrified panicked frantic desperate angry furious enraged bitter resentful jealous envious proud
ashamed guilty lonely hopeful hopeless eager curious bold brave fearless reckless cautious wary
fierce savage feral wicked cruel vicious cold-hearted gentle shy timid sly cunning clever wise
foolish stubborn loyal fierce solemn somber sombre quiet wild frenzied breathless trembling shaking
shivering quivering pounding racing
swift quick rapid sudden slow sluggish lazy languid graceful clumsy nimble agile steady unsteady
feverish sickly pale bloodied bloody bloodstained fetid stinking slick glossy glassy
muddy dusty rusty stormy rainy windy sunny grimy filthy dirty clean spotless cluttered shiny bare sleek
stiff limp wiry plump lean ruddy freckled wrinkled drenched battered bruised shattered broken untouched
quietly softly gently slowly quickly swiftly suddenly silently sharply faintly brightly darkly dimly
warmly coldly bitterly sweetly tenderly fiercely wildly desperately nervously anxiously eagerly
carefully cautiously sadly happily angrily calmly barely nearly
"""
DESCRIPTIVE_LEXICON: frozenset[str] = frozenset(_DESCRIPTIVE_WORDS.split())

# Words ending in -ly that are not adverbs of manner (or not descriptive at all).
_NOT_LY_ADVERBS = frozenset(
    "only family reply supply apply rely ally belly bully jelly lily italy july fly holly folly rally "
    "tally daily early likely unlikely really actually simply probably certainly finally usually "
    "especially exactly mostly merely nearly hardly rarely truly fully friendly assembly anomaly "
    "monopoly butterfly dragonfly firefly homily melancholy".split()
)
_NOT_SUFFIX_ADJECTIVES = frozenset(
    "unless nevertheless regardless doubtless handful mouthful armful spoonful cupful bucketful "
    "thus famous various previous fabulous".split()
)


GENRE_LEXICON: dict[str, frozenset[str]] = {
    "fantasy": frozenset(
        """wizard witch mage sorcerer sorceress enchanter spell spellbook magic magical enchanted
        enchantment dragon elf elves dwarf dwarves fairy faerie goblin troll giant unicorn griffin
        knight squire sword shield quest kingdom king queen prince princess castle tower realm throne
        crown prophecy rune runes potion staff wand amulet talisman scroll tome sorcery oracle
        dungeon forest village blacksmith legend ancient mythical""".split()
    ),
    "dark_fantasy": frozenset(
        """necromancer necromancy undead lich wraith ghoul vampire demon demonic daemon curse cursed
        blood blight plague rot decay corpse corpses grave crypt tomb bones skull shadow shadows
        darkness void abyss ritual sacrifice pact cult forbidden damned damnation doom ruin ruined
        sorcery witch hex soul souls evil wicked torment dread hellfire infernal grim raven gallows
        carrion cathedral knight sword throne""".split()
    ),
    "sci_fi": frozenset(
        """spaceship starship ship spacecraft shuttle station orbit orbital planet planets galaxy
        galactic star stars stellar nebula asteroid moon mars colony colonist alien aliens android
        robot robots cyborg drone ai artificial algorithm computer quantum laser plasma reactor engine
        hyperspace warp wormhole cryo cryosleep hull airlock cockpit console hologram
        signal transmission future clone genetic scientist laboratory lab terraform
        gravity space cosmic interstellar""".split()
    ),
    "mystery": frozenset(
        """detective inspector investigator sleuth constable sergeant police case clue clues evidence
        suspect suspects witness alibi motive murder murderer killer victim crime culprit mystery
        mysterious secret secrets hidden riddle puzzle cipher code coded letter diary fingerprint
        footprint magnifying investigation investigate interrogate interrogation confession
        disappearance vanished missing stolen theft thief manor butler locked solve solved deduction
        deduce suspicion suspicious""".split()
    ),
    "horror": frozenset(
        """ghost ghosts haunted haunting haunt spirit specter spectre phantom poltergeist demon
        possessed possession creature monster monsters fiend corpse dead death blood bloody scream
        screamed screaming shriek terror terrified horror horrifying dread fear afraid nightmare
        nightmares darkness shadow shadows cellar basement attic coffin grave graveyard cemetery
        whisper whispers whispering creak creaking rotting decay teeth claw claws doll
        mirror fog woods midnight""".split()
    ),
    "romance": frozenset(
        """love loved lover lovers loving romance romantic heart hearts kiss kissed kissing embrace
        embraced hug touch caress passion passionate desire longing yearning tender tenderness
        affection beloved darling sweetheart date wedding marry married marriage proposal ring
        bride groom husband wife fiance flirt flirting blush blushed gaze
        dance dancing heartbreak jealous forever soulmate""".split()
    ),
    "adventure": frozenset(
        """adventure adventurer explorer explore exploration expedition journey voyage quest treasure
        map compass island jungle desert mountain summit cliff canyon river waterfall cave caves ruins
        temple tomb ship sail sailed sailing sailor pirate pirates captain crew raft rope climb
        climbed trek trail wilderness storm survive survival danger dangerous escape discover
        discovered discovery horizon peril daring""".split()
    ),
    "thriller": frozenset(
        """spy agent operative assassin hitman sniper target mission heist hostage kidnapped
        kidnapping conspiracy cover covert undercover informant double cross betrayal betrayed chase
        pursuit escape fugitive gun pistol rifle bullet bomb detonator explosion countdown deadline
        ransom threat danger dangerous surveillance encrypted cipher intel intelligence government
        cia fbi embassy safehouse alarm sirens police killer murder""".split()
    ),
}


def is_descriptive(word: str) -> bool:
    if word in DESCRIPTIVE_LEXICON:
        return True
    n = len(word)
    if n >= 5 and word.endswith("ly"):
        return word not in _NOT_LY_ADVERBS
    if n >= 6 and word.endswith(("ous", "ful", "less")):
        return word not in _NOT_SUFFIX_ADJECTIVES
    return False


def count_descriptive(words: set[str], enough: int = 2) -> int:
    found = len(words & DESCRIPTIVE_LEXICON)
    if found >= enough:
        return found
    for word in words - DESCRIPTIVE_LEXICON:
        if is_descriptive(word):
            found += 1
            if found >= enough:
                break
    return found
