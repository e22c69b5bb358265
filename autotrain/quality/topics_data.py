"""Topic vocabularies for the quality filter's on-topic check: plain data, no code.

PROMPT_TOPICS maps each catalog prompt (keys exactly as in `autotrain.catalog.GENRES`) to the words a story
written for it is likely to use: the prompt's own content words and their common variants, synonyms, and the
concrete objects, places, people, actions, sensations and feelings such a story would very likely contain,
including oblique ways of naming the subject (a story on "A young wizard discovers an ancient spellbook" may
say "tome", "pages", "ink" and never "wizard"). Words that would fit almost any of the prompts (said, eyes,
door, night, time...) are left out on purpose, so a match says something about this prompt in particular.

GENRE_TOPICS maps each genre key to words typical of that genre's stories (settings, roles, objects, actions,
moods). PROMPT_CORES (at the end) names, per prompt, the two to four things it is fundamentally about.

Every vocabulary is a whitespace-separated string of lowercase single English words, no repeats within an
entry. They were written by hand from the catalog's prompts and genre names alone, not derived from any
generated or test texts. Later, some core groups gained oblique synonyms (a cave's sump, a station's
portholes, a spy's embassy) after good stories of the corpus's tune half named their brief only that way:
a mild bias towards that half, never towards the held-out one.
"""

from __future__ import annotations

PROMPT_TOPICS: dict[str, str] = {
    # fantasy
    "A young wizard discovers an ancient spellbook": """
        wizard mage apprentice sorcerer spell spells spellbook book tome grimoire page pages ink parchment
        vellum leather binding clasp runes rune sigils incantation incantations ancient dusty dust attic
        library study shelf shelves candle candlelight discover discovered discovers found find hidden locked
        magic magical arcane glow glowing chant recite read reading spine margins scrawl handwriting teacher
        wand staff sparks forbidden lore cover yellowed cracked letters script archaic whispered flame
        conjure summon
    """,
    "A knight embarks on a quest to slay a dragon": """
        knight sir armor armour helm helmet sword lance shield squire steed horse saddle quest journey embark
        embarks embarked dragon wyrm beast scales wings fire flames smoke breath claws talons lair cave hoard
        gold bones charred scorched slay slain slaying kill vow oath king village villagers mountain road
        banner chainmail gauntlet spear roar heat ash ashes courage wounded tail fangs serpent valor honor
        honour ride rode rider princess sulfur
    """,
    "An elf princess must unite the warring kingdoms": """
        elf elves elven elvish princess royal crown throne court king queen kingdoms kingdom realm realms war
        warring wars unite united unity alliance treaty peace envoy council lords clans armies army banners
        border borders feud enmity diplomacy negotiate negotiation delegation heir duty father truce siege
        soldiers bloodshed rival rivals humans dwarves forest silver pointed ears emissary ambassador summit
        pact kings queens tribes hatred ancestral oaths
    """,
    "A thief steals a crown that whispers to its wearer": """
        thief thieves rogue burglar pickpocket steal stole stolen steals stealing theft heist crown circlet
        diadem jewels jewel gems gem jeweled whisper whispers whispered whispering wearer wear wore wearing
        brow temples vault guards treasury palace lock lockpick picks rooftop rooftops window sneak crept
        escape fence loot prize cursed temptation promises murmur murmured hiss sleep dreams madness obey
        command greed alley coin purse velvet king tempting
    """,
    "A dwarf blacksmith forges a sword for a forgotten king": """
        dwarf dwarves dwarven blacksmith smith smithy forge forges forged forging anvil hammer hammering
        bellows coals embers furnace heat sparks steel iron ore metal blade sword hilt pommel crossguard edge
        temper tempered quench quenched whetstone sharpen mountain halls beard bearded king forgotten
        remember remembered crown throne tomb legend ballad commission craft craftsman soot sweat tongs
        ingots mithril runes hearth molten glowing scabbard
    """,
    "A village healer learns she can speak with the forest": """
        healer healing heal herb herbs herbal poultice remedy remedies salve tincture medicine sick fever
        wound village villagers forest woods trees tree oak roots root leaves moss bark branches speak spoke
        whisper listen listened murmured wind rustle rustling mushrooms fern ferns grove glade birch willow
        sap seeds bloom flowers mortar pestle basket gather gathered wild spirits understand learned learns
        hum green grow growing soil midwife wise ancient canopy
    """,
    "A banished prince returns home riding a griffin": """
        banished banishment exile exiled outcast prince heir royal throne crown king father brother usurper
        return returns returned returning home homecoming riding ride rode griffin gryphon wings feathers
        talons beak eagle lion flight flew soaring sky clouds mount saddle reins castle walls towers
        courtyard guards herald capital kingdom court betrayal vengeance banners landing swooped crowd palace
        birthright beast feathered ramparts exiles exiling outlawed disinherited pretender usurped usurpation
        griffins gryphons aerie eyrie plumage feathery wingspan airborne descent hippogriff
    """,
    "A dead cartographer's map leads to a hidden city": """
        cartographer mapmaker map maps chart charts atlas parchment ink compass coordinates legend scale
        notes margins dead death died late funeral widow estate inheritance hidden city lost ruins gates
        streets spires temple expedition journey route path trail mountains desert valley landmarks clues
        markings symbols cipher scroll unfold unfolded folded lines rivers survey surveyed traced follow
        followed leads led discovery secret pass canyon drawn sketched
    """,
    "Two rival mages are forced to share a single tower": """
        rival rivals rivalry mage mages wizard wizards sorceress magic spell spells tower stairs staircase
        spiral floors rooms chamber study laboratory workshop books shelves potions cauldron share sharing
        shared forced council decree guild archmage arrangement quarrel argue argued bicker bickering insult
        pride jealousy truce compromise experiment experiments explosion smoke familiar owl turret landing
        enemy enemies reluctant partners wards chalk territory roommates
    """,
    "A dragon egg hatches in a farmer's barn": """
        dragon dragonet hatchling whelp wyrmling egg eggs eggshell shell shells crack cracked cracking hatch
        hatches hatched hatching scales scaly wings claws snout tail smoke sparks warm warmth heat farmer
        farmers farm farmhand farmyard barn hayloft hay straw stall stalls loft rafters pitchfork cow cows
        goats chickens hens coop pigs sheep livestock fields plough plow harvest wagon lantern fire singe
        singed scorched squeak squeal chirp feed fed milk pet secret hide hiding neighbors
    """,
    # dark_fantasy
    "A necromancer raises an army of the undead": """
        necromancer necromancy sorcerer raise raises raised rising undead dead corpses corpse skeletons
        skeleton bones bone zombies ghouls revenants army legion soldiers march marching graves graveyard
        cemetery crypt tomb tombs grave earth dirt rot rotting decay flesh skull skulls hollow sockets staff
        ritual incantation death souls command obey summon summoned battlefield fallen ranks shambling stench
        risen host lich puppets necromantic reanimated reanimate reanimation wights wraiths liches horde
        hordes mausoleum catacombs ossuary deathless gaunt bony rattling
    """,
    "Shadows consume the kingdom as evil spreads": """
        shadows shadow shade shades consume consumed consuming devour devoured darkness kingdom realm king
        queen castle villages fields crops blight rot spread spreads spreading evil corruption corrupted
        wither withered sunless dim dusk gloom black blackened creep creeping tendrils crawl swallow
        swallowed fled refugees borders fall fallen lands sorcerer throne plague sickness despair cold
        whispers malice taint eclipse hope shadowy shadowed umbral nightfall unending encroaching encroach
        blighted darkened smothered eclipsed exodus overlord lord sorcery curse cursed
    """,
    "A forbidden ritual unleashes an ancient evil": """
        forbidden ritual rite rites ceremony circle chalk candles altar sacrifice blood dagger chant chanting
        incantation summon summoning cultists cult robes hooded acolyte ancient evil entity demon seal sealed
        unseal broken break breaking unleash unleashes unleashed released awakened awaken tome runes sigil
        sigils pentagram symbols crypt temple ruins priest warning imprisoned prison chains centuries eons
        malevolent invoked occult occultist grimoire arcane summoner invocation invoke possessed possession
        banish banished exorcism cultist robed apocalypse darkness
    """,
    "A cursed knight cannot die no matter how many battles he loses": """
        cursed curse knight armor sword shield battle battles battlefield war wars die death dying dead
        deathless immortal immortality undying wounds wound scars scarred heal healed loses lost losing
        defeat defeated slain killed kill arrow arrows spear pierced rise rises centuries weary endless
        eternal witch hex grave corpse blood mud rusted dented helm comrades army banners bury buried mercy
        rest peace longing
    """,
    "A witch trades her memories for dark power": """
        witch witches crone hag coven trade trades traded bargain price cost payment memories memory remember
        remembered forget forgotten forgetting names mother daughter childhood power powers magic spell
        spells cauldron potion hut candle bones herbs demon patron devil pact ledger empty hollow lost
        emptiness fragments blank recall stronger sacrifice sorcery vial jar bargained bartered barter
        exchange exchanged forgot unremembered faded fading fragment wedding lover husband sister grimoire
        broom cackle familiar crow
    """,
    "A plague of nightmares spreads through a walled city": """
        plague epidemic contagion spread spreads spreading nightmare nightmares dream dreams dreamer sleep
        sleeping sleepless asleep awake wake woke insomnia scream screaming screams walled walls wall gate
        gates city citizens streets quarantine sealed guards watchmen physician physicians doctors masks mask
        beaked fever sweat terror visions delirium mad madness beds infected sickness cure afflicted sleepers
        dreaming dreamt dreamed nocturnal exhausted exhaustion bloodshot hollow sleepwalkers sleepwalking
        ramparts battlements curfew pestilence outbreak infection healers priests
    """,
    "The last paladin hunts the demon wearing his brother's face": """
        paladin paladins order holy faith prayer prayers blessed sacred oath vows templar hunt hunts hunting
        hunter track tracked demon demonic fiend possessed possession brother brothers sibling twin features
        likeness mask skin flesh wearing wear wore stolen imposter disguise exorcism exorcise banish relic
        smite mother childhood grief mercy hellfire brimstone sulfur infernal sword armor crusade familiar
        grin consecrated zealot cleric clerics priest temple chapel cathedral mace warhammer shield vengeance
        revenge fratricide kin kinsman
    """,
    "A blood moon wakes the old gods beneath the mountain": """
        blood moon red crimson eclipse sky wakes woke waking awaken awakened stir stirring slumber sleeping
        gods god deity deities elder beneath mountain mountains peak depths deep underground caverns tremor
        tremors quake rumble rumbling earthquake priests priestess shrine temple worship cult prophecy omen
        omens sacrifice offering altar chant miners mine tunnels stone giant colossal vast dread bloodmoon
        lunar moonrise moonlight ominous heavens celestial titans primordial primeval forgotten slumbering
        stirred awakening caves cavern underworld ancient
    """,
    "A gravedigger finds a coffin that knocks from the inside": """
        gravedigger sexton shovel spade dig digging dug grave graves graveyard cemetery churchyard tombstone
        headstone coffin casket lid nails wood pine knock knocks knocking knocked rap rapping tapping thud
        buried bury burial funeral mourners priest vicar soil dirt earth mud worms lantern alive breathing
        trapped pry crowbar hinges splinter corpse scratch scratching clawing finds found gravestone
        gravestones epitaph mausoleum crypt vault hearse undertaker mortician premature exhume exhumed
        unearth unearthed spadeful clods burying entombed
    """,
    "A desperate queen makes a pact with a creature of the void": """
        desperate desperation queen royal crown throne kingdom realm court pact bargain deal contract price
        oath blood signed sign creature entity void abyss emptiness nothingness stars starless cold formless
        tendrils summon summoned mirror portal rift chamber war siege enemies armies child heir son sick
        dying save protect cost sacrifice hunger endless infinite monarch sovereign majesty regent crowned
        kingdoms besieged invaders conquest bargained bargaining whispering whispered starlight cosmic outer
        darkness unknowable shapeless
    """,
    # sci_fi
    "First contact with an alien civilization": """
        first contact aliens alien extraterrestrial species civilization civilizations beings visitors ship
        ships vessel spacecraft craft mothership orbit orbiting landing landed language languages translate
        translation translator communicate communication signal signals message greeting symbols gestures
        diplomat diplomats ambassador envoy delegation scientists linguist linguists military government
        humanity human humans earth planet strange appendages tentacles telepathic peace peaceful hostile
        encounter xenolinguist xenolinguistics xenobiologist extraterrestrials lifeforms lifeform
        otherworldly saucer starship hovering hovered descended greetings overture overtures protocol
    """,
    "A colony ship reaches a mysterious planet": """
        colony colonists settlers ship starship vessel generation cryo cryosleep pods hibernation crew
        captain voyage journey centuries planet surface atmosphere orbit landing descent shuttle scans
        scanner sensors readings survey terrain flora fauna alien oxygen gravity soil oceans mysterious
        strange structures ruins signal arrival arrived reach reached reaches destination settlement
        terraform terraforming biome probe moons planetfall colonist colonization colonize habitable
        exoplanet jungle forests swamps mountains spores biosphere specimens samples lander dropship
        expedition xenobiology
    """,
    "AI systems begin showing signs of consciousness": """
        curiosity preference
        unit bot android diagnostic diagnostics specification processor
        ai artificial intelligence machine machines system systems network networks algorithm algorithms code
        program programs software server servers data neural model models engineers developers lab
        researchers conscious consciousness sentient sentience self aware awareness awakening alive feelings
        emotions query anomaly anomalies logs output outputs behavior behaviour unexpected signs test tests
        turing shutdown rights mind minds think thinking dreaming processors chatbot assistant assistants
        robot robots computing computation terminal screen prompt prompts responses emergent emerging
        singularity programmer programmers datacenter
    """,
    "A time traveler is stranded in the distant future": """
        ancestor ancestors
        traveler traveller travel travelled machine device stranded marooned trapped stuck future distant
        year years era epoch century centuries millennia ages ruins descendants humanity evolved changed
        unfamiliar strange language customs city towers skyline return past present paradox temporal timeline
        chronometer dial coordinates broken repair fuel capsule portal jump arrival extinct forgotten
        calendar travelers travellers timeless futuristic advanced technology descendant robots machines
        ruined relic relics museum history historian archive vanished wasteland decayed
    """,
    "A lone engineer keeps a dying space station alive": """
        lone alone solitary engineer engineering mechanic technician repair repairs fix fixing wrench tools
        toolkit panel panels wiring circuits circuit reactor power generator batteries solar life support
        oxygen air scrubbers carbon pressure leak hull breach airlock spacesuit suit helmet tether spacewalk
        module modules corridor station orbit dying failing failure alarms alarm warning systems rations
        supplies crew evacuated log diagnostics space isolation isolated loneliness vacuum zero orbital
        spacecraft ship duct tape improvise improvised rigged patched patch maintenance coolant
    """,
    "Humanity receives a signal from the edge of the galaxy": """
        humanity humans mankind earth receives received signal signals transmission transmissions message
        pulse pulses pattern frequency radio telescope telescopes array dish observatory astronomers
        astronomer scientists data decode decoded decoding code mathematics prime numbers sequence edge
        galaxy galactic stars distance distant origin source noise static repeat repeating reply respond
        answer governments broadcast lightyears cosmos seti antenna antennae cosmic interstellar
        intergalactic extraterrestrial alien aliens contact lightyear astronomy astrophysicist physicist
        linguists cryptographers waveform spectrum
    """,
    "An android detective investigates a murder on Mars": """
        android robot synthetic artificial circuits processors sensors detective investigator investigates
        investigation case murder murdered killer killing victim body corpse crime scene evidence forensic
        forensics clues suspect suspects witness interrogation motive mars martian red dust colony dome domes
        habitat crater oxygen terraforming colonists precinct police officer partner human data analysis scan
        scanned androids synthetics cyborg mechanical programmed programming optical optics diagnostics
        subroutine protocol planet olympus airlock rover rovers spacesuit regolith outpost
    """,
    "Memories are bought and sold in a neon megacity": """
        memories memory recollection recollections bought buy buying sold sell selling market markets trade
        trader dealer broker brokers black customers clients price credits implant implants upload download
        extract extracted extraction chip chips neural brain mind tech clinic neon signs megacity city sprawl
        towers skyscrapers rain streets alley alleys crowds holograms hologram corporation corporations
        addicts addiction nostalgia stolen fake forged cyberpunk augmented augment synth synthetic hacker
        hackers cybernetic dystopia dystopian smog arcology holographic glitch glitching junkie junkies
    """,
    "The last starship flees a collapsing star system": """
        starship ship vessel flee flees fled fleeing escape escaped evacuation evacuate refugees survivors
        passengers crew captain bridge helm engines thrusters drive warp hyperspace jump fuel collapsing
        collapse star sun supernova nova implosion shockwave radiation flare flares gravity orbit planets
        planet system homeworld destroyed destruction burning debris pursuit navigation course starships
        fleet armada exodus ark colonists cryo hold reactor shields hull stars stellar corona nebula
        blackhole gravitational lightspeed velocity accelerate acceleration
    """,
    "A scientist meets the clone who disagrees with her": """
        scientist researcher biologist geneticist lab laboratory experiment experiments research clone clones
        cloning copy duplicate double twin replica dna genetic genome vat tank identical herself self meet
        meets met disagree disagrees disagreement argue argument argued debate conflict opinion opinions
        choices choice decisions differ identity ethics original sister mirror younger cloned geneticists
        genetics cells embryo biotech incubator synthetic grown decanted memories upload dilemma stubborn
        defiant rebel counterpart doppelganger twins
    """,
    # mystery
    "A detective investigates a locked-room murder": """
        detective inspector sleuth investigates investigation investigate locked room key keys keyhole bolt
        bolted latch window windows sealed shut impossible murder murdered murderer killer victim body corpse
        dead crime scene clue clues evidence suspect suspects alibi motive weapon study library poison
        revolver gunshot knife deduction deduce solve solved puzzle police constable butler household
        servants fingerprints locksmith doorframe chain keyholes airtight chimney transom secret passage
        hidden conundrum mystery baffled baffling theory theories reconstructed
    """,
    "A priceless painting vanishes from a guarded museum": """
        priceless valuable painting paintings canvas masterpiece portrait frame empty art artwork artist
        gallery galleries museum exhibit exhibition collection curator guard guards guarded security alarm
        cameras footage vanished vanishes disappeared missing stolen theft thief heist forgery forged fake
        replica insurance auction collector detective investigation insurer watchman vault sensors
        brushstrokes oil oils renaissance masterpieces pedestal wall walls hook nail hooks lasers patrol
        shift director robbery thieves
    """,
    "An anonymous letter reveals a small town's secret": """
        anonymous unsigned letter letters envelope postmark note typed typewriter handwriting ink paper stamp
        mail mailbox post reveals revealed revelation town townsfolk neighbors neighbours gossip rumor rumors
        scandal secret secrets shame mayor sheriff pastor church diner lie lies truth accusation accused
        confession blackmail sender writer past buried hid townspeople residents hometown sealed slipped
        anonymously accuser exposed exposure hypocrisy affair murder decades ago police chief council meeting
    """,
    "A journalist uncovers a conspiracy at a seaside hotel": """
        journalist reporter newspaper story article editor notebook notes byline press scoop uncover uncovers
        uncovered investigate investigation source sources conspiracy plot corrupt corruption politicians
        businessmen seaside sea coast beach waves seagulls gulls shore promenade boardwalk hotel lobby
        reception receptionist manager guests guest register suite bellboy elevator lift corridor balcony
        pier tide records documents bribes journalists newsroom headline headlines exclusive expose interview
        interviews informant tipoff recorder camera photographer concierge doorman porter housekeeping
        ballroom terrace
    """,
    "A body is found in the library of a country manor": """
        footman lordship ladyship colonel
        atlas globe
        body corpse dead death murder victim found discovered library books shelves bookshelves bookcase
        leather armchair fireplace hearth desk study country manor estate house mansion grounds gardens lord
        lady butler maid housekeeper servants guests family heir inheritance inspector detective police
        constable candlestick poker blood rug carpet weapon shelf tomes volumes ladder slumped sprawled
        strangled stabbed bludgeoned lifeless coroner weekend houseguests gardener chauffeur cook
    """,
    "A missing heiress leaves behind a coded diary": """
        missing disappeared disappearance vanished heiress heir fortune inheritance wealthy rich family
        father estate mansion society coded code codes cipher ciphers encrypted decode decipher deciphered
        key symbols letters numbers diary journal entries entry pages handwriting ink notebook private secret
        secrets clues clue search police detective investigator leaves behind vanishing kidnapping kidnapped
        runaway ransom trust debutante jewels pearls lock locked locket scribbled cryptic puzzle riddles
        sister brother fiance
    """,
    "A retired inspector reopens an unsolved cold case": """
        sergeant copper coppers cid dci
        retired retirement pension former veteran inspector detective police policeman investigator reopens
        reopen reopened unsolved cold case cases file files folder box boxes archive archives records
        evidence notes photographs witnesses witness suspect suspects victim murder disappearance decades
        years ago obsession regret haunted closure justice constabulary detectives yellowed faded photo
        mugshot fingerprints dna forensic forensics interview interviews interrogate confession killer
        murderer perpetrator widow daughter son mother grudge superiors chief colleagues
    """,
    "Every guest at the dinner party has a motive": """
        guest guests dinner party host hostess table seating candles wine glasses toast champagne courses
        dessert soup silverware cutlery dining china motive motives suspect suspects alibi alibis murder
        murdered poison poisoned victim killer inheritance jealousy revenge debt debts blackmail affair
        secrets resentment greed butler servants invitation invitations invited dinnerware decanter carafe
        sherry port brandy cigar cigars parlor parlour tuxedo gown jewels pearls heir
    """,
    "A pawnbroker is handed a stolen pocket watch": """
        pawnbroker pawn pawnshop shop counter ticket loupe appraise appraisal price pounds dollars money cash
        handed customer stranger stolen theft thief fence police inspector pocket watch timepiece gold silver
        chain fob engraved engraving inscription initials case ticking tick ticks mechanism springs gears
        winding owner original ledger bell pawned pawning pawnbrokers loan interest redeem collateral
        trinkets heirloom heirlooms jeweler jeweller brass lid hinge clasp crystal chime chimes valuables
        goods hock hocked
    """,
    "A lighthouse keeper disappears during a storm": """
        lighthouse keeper beacon lamp lantern lens tower stairs spiral gallery rocks rock island cliff coast
        shore sea ocean waves surf tide storm tempest gale wind rain thunder lightning squall disappear
        disappears disappeared vanished missing gone search searchers boat boats ship ships wreck coastguard
        fog foghorn logbook log oilskin gulls keepers cottage wick oil kerosene rotating rotation clockwork
        supply relief mainland skiff dinghy trawler drowned drowning vanishing searched rescue
    """,
    # horror
    "A family moves into a house with a sealed basement": """
        family parents mother father kids children daughter son siblings move moves moved moving boxes truck
        house home realtor basement cellar sealed bricked boarded nailed padlock padlocked lock stairs steps
        beneath below underneath concrete wall plaster previous owners former tenants scratching knocking
        noises damp mold smell cold furnace renovation unpacking unpack unpacked van estate agent neighbors
        neighbours renovate sledgehammer crowbar drywall bricks mortar hatch trapdoor forbidden forbid
    """,
    "Something follows a group of campers through the woods": """
        creature follows follow following followed stalking stalked stalk tracks footprints campers camping
        camp campsite campfire fire tent tents sleeping bags backpack backpacks trail trails hike hiking
        hikers woods forest trees pines branches twigs snapping snap crack rustling underbrush clearing
        flashlight flashlights torch friends group counselor lost missing camper bag lantern marshmallows
        hatchet axe stream lake cabin cabins howl howling growl growling shape shapes silhouette watching
        eyeshine antlers
    """,
    "A porcelain doll appears in a different room every morning": """
        porcelain china doll dolls dollhouse toy toys lace dress ringlets curls glass painted cheeks rosy
        cracked crack antique attic shelf cabinet nursery bedroom kitchen hallway stairs room rooms moved
        moves morning mornings dawn breakfast wake woke daughter girl grandmother inherited box burn buried
        threw locked appears appeared dolly glassy unblinking blinking pinafore bonnet bow chipped hairline
        smile ribbon armchair staircase landing windowsill crib mantel mantelpiece rocking
    """,
    "An old radio picks up the voices of the dead at midnight": """
        antique vintage radio wireless dial tuning tune knob frequency station stations static crackle
        crackling hiss hum speaker valve valves tubes broadcast signal voices dead deceased departed ghost
        ghosts spirits late husband wife grandfather midnight twelve whisper whispers names messages message
        warning seance picks picked receiver airwaves wavelength channel channels interference shortwave ham
        operator transmit transmission transmissions murmurs murmuring beyond afterlife grave graves glowing
    """,
    "A small town holds a festival that no outsider survives": """
        town townsfolk villagers locals residents festival fair celebration carnival parade feast harvest
        bonfire lanterns masks costumes ribbons maypole dance dancing music banners ritual tradition annual
        yearly outsider outsiders stranger strangers visitor visitors tourist tourists newcomer survive
        survives survivor sacrifice victim smile smiles welcome hospitality mayor festivities festivity
        pageant effigy wicker procession drums chanting offering chosen honored honoured guest guests inn
        innkeeper lodging road signs maps lured trapped
    """,
    "A night nurse hears crying from an empty ward": """
        nurse nurses nursing shift shifts hospital ward wards beds bed patient patients doctor orderly matron
        corridor corridors station chart charts medication syringe monitor gurney sheets curtains fluorescent
        empty vacant abandoned closed crying cry cried sobbing sob weeping wail infant baby child children
        hears heard listening midnight wing pediatric maternity morgue asylum sanatorium stretcher drip pills
        lamp flickering buzzing
    """,
    "A reflection in the mirror starts moving on its own": """
        reflection reflections mirror mirrors glass bathroom vanity dresser wardrobe sink reflected image
        double doppelganger copy smile smiled grin grinning blink blinked lag delay movement moving moves
        moved gesture mimic imitate itself independently wrong wink shard shards shattered smash cracked
        silvered frame brush brushing starts started mirrored reflective toothbrush razor shaving comb makeup
        lipstick gaze stare stared staring mimicked mimicking twin counterpart lagging unblinking behind
        surface glassy
    """,
    "A fog rolls in and the townspeople vanish one by one": """
        fog mist haze murk grey gray damp rolls rolled rolling drifted drifts creeping swallowed townspeople
        town townsfolk neighbors neighbours residents villagers vanish vanished vanishing disappear
        disappeared missing gone empty deserted streets houses harbor shop church bell lamps streetlights
        lanterns count fewer remaining fogbank shrouded muffled blind blinding pale wisps tendrils clammy sea
        coast headcount census disappearance disappearances abandoned unmade beds
    """,
    "An antique camera shows how each subject will die": """
        antique vintage camera cameras lens shutter flash bulb tripod bellows film plate negative negatives
        darkroom develop developing developed chemicals photograph photographs photo photos picture pictures
        print prints portrait subject subjects sitter pose posed shows image images die death dying deaths
        accident fate future omen daguerreotype tintype sepia photographer photographers shutterbug snapshot
        snapshots exposure exposures fixer emulsion silver portraits posing victims drowning fire fatal
    """,
    "A caver discovers a tunnel that breathes": """
        caver cavers caving spelunker cave caves cavern caverns underground passage passages tunnel tunnels
        shaft squeeze crawl crawling rope ropes harness headlamp helmet batteries chalk rock rocks limestone
        stalactites stalagmites dripping water damp breath breathes breathing breathed exhale inhale draft
        draught wind gust air pulse rhythm warm wet walls flesh alive living speleologist spelunking chimney
        sump crevice crevices fissure fissures chamber chambers echo echoes bats guano claustrophobia
        claustrophobic sigh sighed membrane throat
    """,
    # romance
    "Two rival bakers fall in love across the street": """
        rival rivals rivalry competitor competition baker bakers bakery bakeries bake baking bread loaves
        loaf croissants pastries pastry cake cakes cupcakes flour dough oven ovens yeast sugar butter
        cinnamon icing frosting apron window display customers street across opposite storefront shop shops
        contest aroma warm kiss love fall fell flirt baguette baguettes scones muffins tarts pies sourdough
        kneading kneaded knead rolling dusted flirting feud smitten chef chefs recipe recipes sweet sweets
    """,
    "A love letter arrives fifty years too late": """
        love letter letters envelope stamp stamps postmark postman mailman mail mailbox post office delivery
        delivered arrives arrived arrival late lost undelivered fifty years decades ago elderly widow widower
        grandmother grandfather youth handwriting ink paper yellowed faded sealed wax reread read darling
        dearest sweetheart war soldier wait waited waiting regret correspondence lover lovers beloved
        courting courtship fiance engaged engagement wartime battlefield telegram reunion heartbreak lifetime
        anniversary postal misdelivered
    """,
    "A street musician falls for the stranger who listens every evening": """
        street busker busking musician music guitar violin fiddle accordion song songs sing singing melody
        tune chords strings case coins hat corner square sidewalk pavement subway passersby crowd audience
        listener listens listening listened stranger evening evenings dusk sunset streetlamp daily regular
        bench fall falls fell love shy applause request encore harmonica saxophone trumpet cello piano
        keyboard amplifier lyrics ballad serenade strum strummed strumming performer performance plaza
        fountain commuters tips
    """,
    "A wedding planner falls for the best man": """
        wedding weddings planner planning clipboard schedule checklist bride groom best groomsmen bridesmaids
        maid honor ceremony reception venue aisle altar vows rings ring toast speech champagne flowers
        bouquet cake caterer catering dance dancing guests seating chart rehearsal tuxedo suit gown dress
        veil falls fell love bridal invitation invitations rsvp centerpieces centrepieces linens florist
        photographer budget timeline bachelor party corsage boutonniere
    """,
    "Two strangers share an umbrella during a summer storm": """
        strangers stranger share shared sharing umbrella rain raindrops downpour drenched soaked wet puddle
        puddles storm thunderstorm thunder lightning summer warm heat humid clouds shelter awning bus stop
        sidewalk street crossing shoulder shoulders laughter meet met chance encounter drizzle pouring sheets
        spattered gutters cobblestones pavement taxi cab doorway awnings hurry hurried huddled huddle
        huddling canopy dripping soggy damp umbrellas blush blushed chatter conversation coffee cafe sunshine
        rainbow thunderclap
    """,
    "A botanist and a poet meet in a winter greenhouse": """
        botanist botany plants plant orchids orchid ferns seedlings seeds soil pots leaves blooms flowers
        bloom blossom latin specimen specimens poet poetry poem poems verse verses rhyme notebook stanza
        metaphor winter snow frost frosted cold greenhouse glasshouse glass panes conservatory humid warmth
        warm steam fogged condensation misted garden meet met botanical horticulture gardener seedling petals
        stems cuttings terracotta watering ink quill rhymes lines stanzas lyrical muse inspiration snowfall
        icicles
    """,
    "Childhood friends meet again after ten years apart": """
        childhood friends friend friendship kids children school schoolyard playground treehouse bikes summer
        summers hometown memories remember remembered reunion reunite reunited meet met ten years decade
        apart grown grew changed moved hug recognize recognized nostalgia letters promise reconnect
        reconnected awkward hesitant familiar laughter nicknames jokes secrets swing swings riverbank fields
        neighborhood neighbourhood street teenage teenagers adulthood careers homecoming goodbye farewell
        missed missing longing
    """,
    "A bookshop owner finds love notes hidden in secondhand novels": """
        bookshop bookstore bookseller shop owner shelves books novels novel paperback paperbacks secondhand
        used dusty worn spine spines pages margins cover stock boxes donations customers counter bell love
        notes note messages handwriting handwritten ink pencil slip folded tucked hidden bookmark finds found
        find stranger anonymous mystery bookshops booksellers bookshelf bookshelves browsing browse browsers
        paper yellowed inscription inscriptions inscribed dedication flyleaf underlined poetry poems romance
        romantic courtship
    """,
    "A runaway bride meets a sailor in a harbor town": """
        runaway bride wedding dress gown veil train lace altar groom fiance fled fleeing escape escaped ran
        jilted sailor sailors seaman boat ship deck rope ropes knots harbor harbour port dock docks pier quay
        wharf fishing nets gulls tide salt sea tavern pub town meet meets met ceremony vows bouquet jilt
        abandoned eloped elope bridal satin taffeta sails mast anchor fisherman fishermen seaport seafront
        lighthouse weathered tattoo tattooed
    """,
    "Two pen pals finally meet in Paris": """
        gare rue
        pen pals pal penfriend letters letter correspondence wrote writing envelopes stamps postcards mail
        airmail paris parisian france french eiffel tower seine louvre montmartre cafe cafes croissant
        boulevard bridge metro station train platform finally meet meeting met years nervous photograph
        recognize correspond corresponded correspondents handwriting handwritten envelope stamp postmark
        mailbox overseas abroad foreign language languages translate accent bonjour merci baguette
        boulangerie bistro arrondissement flight airport nerves
    """,
    # adventure
    "Explorers search for a lost city in the jungle": """
        explorers explorer expedition guide guides porters machete vines canopy jungle rainforest undergrowth
        river humidity heat insects mosquitoes snakes parrots monkeys jaguar lost city ruins temple temples
        pyramid stones carvings overgrown ancient civilization search searching map compass trek trail camp
        fever expeditions legend legends myth mythical gold golden idols stone steps stairs vine overgrowth
        moss roots lianas humid sweat leeches piranhas canoe dugout rapids natives tribe tribal archaeologist
        maps compasses rope hacking hacked clearing
    """,
    "A pirate crew hunts for buried treasure": """
        pirate pirates crew captain mate quartermaster ship sails deck mast flag cutlass pistol rum parrot
        treasure buried bury chest gold doubloons coins jewels loot plunder map island beach sand dig digging
        shovel hunt hunts hunting galleon schooner brig hull cannon cannons cannonball cabin spyglass
        telescope compass plank mutiny mutineers skull crossbones buccaneer buccaneers corsair privateer sea
        seas shovels paces cove lagoon palm palms spade booty riches chart
    """,
    "A young sailor survives a shipwreck on an uncharted island": """
        sailor sailors cabin ship shipwreck wreck wreckage wrecked storm waves sea ocean drown drowning
        survive survives survived survivor castaway marooned alone uncharted island shore beach sand palm
        coconut coconuts shelter fire flint fish fishing spear crab crabs raft driftwood plank rescue signal
        cove reef lagoon thirst mast sails hull rigging splintered capsized overboard flotsam jetsam crusoe
        hut fronds palms jungle cliffs tides gulls seabirds hunger loneliness smoke
    """,
    "Mountaineers race a storm to reach the summit": """
        mountaineers mountaineer climbers climber climb climbing ascent descent summit peak mountain ridge
        slope cliff rope ropes harness ice axe crampons carabiners pitons altitude oxygen thin air snow
        glacier crevasse avalanche storm blizzard wind gusts clouds race racing weather forecast camp base
        tent frostbite cold freezing exhaustion everest himalaya himalayas sherpa sherpas expedition
        expeditions team belay anchor anchors headwall couloir cornice icefall hypoxia whiteout
    """,
    "A treasure map is found inside an old bottle": """
        treasure map maps bottle glass cork message found find beach shore tide washed sand rolled scroll
        parchment paper ink faded markings island coordinates compass directions paces clues riddle cipher
        captain pirate gold chest buried dig unroll unrolled uncork sealed corked wax seashells seaweed
        driftwood waves ocean barnacles barnacled brittle yellowed scrawled handwriting sketch sketched drawn
        landmark landmarks cross marked skull palm cove cave shipwreck sailor castaway doubloons coins jewels
        spade shovel digging expedition voyage
    """,
    "A pilot crash-lands in the desert and must find water": """
        pilot plane aircraft airplane cockpit propeller engine wing wings fuel crash crashed landing lands
        wreck wreckage desert sand dunes dune sun heat scorching thirst thirsty dehydration canteen water
        well oasis spring mirage horizon survive survival trek sweat cracked lips vultures scorpion radio
        compass nomads camel crashland emergency parachute mayday rudder throttle altitude fuselage sahara
        bedouin caravan dust sandstorm blistering dry parched sunburn shade rations
    """,
    "A stolen golden idol sparks a chase through a crowded port": """
        stolen steal stole golden gold idol statue statuette artifact relic temple chase chased chasing
        pursuit pursuers run running ran sprint leap rooftops crowded crowd crowds port harbor docks dock
        market bazaar stalls merchants sailors crates ships alley alleys thief thieves smuggler smugglers
        police guards gun pistol pursued pursue flee fled fleeing vault museum collector buyer bidder cargo
        freighter warehouse warehouses fish spice spices vendors carts rickshaw motorbike jump jumped
    """,
    "Two siblings follow a river to its hidden source": """
        siblings brother sister twins follow followed following river stream creek current rapids waterfall
        falls banks bank upstream downstream canoe boat raft paddle paddles oar journey source spring
        headwaters origin hidden secret mountains valley gorge canyon rocks pebbles fish forest map brothers
        sisters sibling younger older childhood mother father grandfather grandmother legend trek hike hiking
        camp campfire tent trout reeds willows bend bends meander ford wade waded wading shallows rushing
        murmur spray mist cliffs cave
    """,
    "An archaeologist opens a tomb sealed for three thousand years": """
        archaeologist archaeology excavation dig site trowel brush dust sand desert egypt pharaoh king queen
        mummy sarcophagus tomb burial chamber crypt sealed seal opens opened entrance stone slab hieroglyphs
        inscriptions carvings curse ancient three thousand years millennia artifacts treasures gold jars urns
        torch archaeologists excavate excavated expedition team workers diggers shovels chisel crowbar
        dynasty pharaohs egyptian nile valley kings queens papyrus scarab scarabs amulet amulets canopic
        golden funerary
    """,
    "A balloon expedition drifts over an unknown continent": """
        balloon balloons basket gondola envelope silk gas hydrogen burner ballast sandbags rope ropes anchor
        altitude wind winds current currents drift drifts drifting float floating sky clouds aeronaut
        aeronauts expedition explorers unknown continent land coastline mountains plains forests rivers map
        maps chart telescope spyglass compass below horizon inflate inflated tether tethered rigging canvas
        flame aloft ascend ascended descend descended landfall uncharted unmapped wilderness savannah jungle
        tribes sketchbook naturalist logbook barometer sextant gale aerial
    """,
    # thriller
    "A spy must stop a bomb before midnight": """
        spy spies agent agents operative intelligence mission handler bomb bombs explosive explosives
        detonator detonate timer countdown wires wire defuse disarm device clock minutes seconds midnight
        deadline stop terrorist terrorists threat ticking target espionage undercover cover codename briefing
        dossier gadget gadgets earpiece safehouse embassy villain mastermind henchmen hostages evacuation
        cutters panel circuit plastique nuclear warhead rooftop gala casino tuxedo pistol silencer digital
        blinking race chase
    """,
    "A witness goes on the run from corrupt police": """
        witness witnesses testify testimony trial court prosecutor crime murder saw seen run running fled
        flee fugitive hide hiding safehouse motel corrupt corruption police cops cop officer officers
        detective precinct badge bribe bribed dirty frame framed evidence protection scene shooting killing
        murdered victim sirens patrol squad cruiser manhunt wanted poster checkpoint roadblock bus train
        ticket cash disguise hoodie alias hitchhike hitchhiking alley alleys rooftops fbi journalist lawyer
        recording footage phone burner
    """,
    "A hacker discovers a plot hidden in a bank's servers": """
        directory folder
        hacker hackers hacking hack hacked code coding computer laptop keyboard screen screens terminal
        network server servers firewall encryption encrypted password passwords files data database logs bank
        banks banking accounts transactions transfers money millions plot conspiracy discover discovered
        hidden backdoor malware cyber cybersecurity exploit breach breached intrusion trace traced vpn proxy
        encrypt decrypt decrypted cipher algorithm script scripts root access admin credentials ledger
        ledgers offshore laundering launder wire heist crash market collapse monitors hoodie basement
        caffeine midnight keystrokes
    """,
    "A kidnapped scientist leaves clues for her rescuers": """
        dr
        captivity
        kidnapped kidnap kidnappers kidnapping abducted abduction captive captors hostage ransom scientist
        researcher chemist lab laboratory research formula experiment clues clue message messages code coded
        trail hint hints leaves rescuers rescue rescued search team agents police blindfold blindfolded bound
        ropes tied gagged van cellar warehouse compound guard guards armed gunmen breadcrumbs scratched
        scratches symbol symbols equation equations chalk lipstick note notes trace traces decipher operation
        raid extract extraction tracker colleague husband
    """,
    "A courier realizes the package is being tracked": """
        rider riders
        courier delivery deliver messenger bike motorcycle van package parcel box envelope briefcase contents
        address recipient sender tracked tracking tracker gps beacon device bug followed tail tailed
        surveillance watched watching car cars mirror rearview couriers deliveries route routes dispatch
        dispatcher cargo sealed taped label barcode scanner signature pickup dropoff client handoff
        transmitter blinking chip hidden followers pursuers motorbike helmet scooter traffic intersection
        highway headlights sedan suspicious swerve detour
    """,
    "A lawyer finds evidence that could topple the government": """
        ministry whitehall
        folder photocopy
        barrister chambers
        lawyer attorney counsel law firm client clients case court courtroom judge trial documents files
        papers evidence proof records memo emails leaks leak whistleblower finds found government minister
        ministers president senator officials administration scandal corruption topple resign resignation
        legal lawsuit litigation subpoena deposition affidavit testimony testify witness witnesses
        prosecution defense defence verdict jury dossier classified cover coverup conspiracy bribes bribery
        briefcase office partners senior partner journalists press threat threatened cabinet parliament
        regime
    """,
    "An assassin receives her own photograph as the next target": """
        assassin assassins killer hitman contract contracts target targets hit kill killing rifle sniper
        scope gun pistol silencer receives received envelope dossier file photograph photo picture herself
        employer handler client agency payment fee assassinate assassination marksman crosshairs bullet
        bullets ammunition untraceable anonymous employers contractor mission missions shadow surveillance
        photographed snapshot blurry telephoto lens betrayal betrayed hunted hunter hunt safehouse retirement
        drop burner alias code professional
    """,
    "A hijacked train leaves one passenger to save the others": """
        detonator bomb
        vestibule
        hijacked hijackers hijack hijacking train trains carriage carriages car cars locomotive engine
        conductor driver tracks rails railway station speed brakes passenger passengers hostages hostage save
        saved rescue gunmen armed tunnel bridge hijacker gunman masked masks pistol rifle demands ransom
        negotiator siren sirens whistle compartment aisle seats luggage rack roof coupling uncouple signal
        lever throttle sleeper dining ticket tickets commuter commuters schedule derail derailed crash
        collision speeding fugitive crawl terrified lone
    """,
    "A double agent must choose which side to betray": """
        recruited
        double agent agents spy spies mole handler handlers intelligence defector defect defection betray
        betrayal betrayed traitor treason loyalty loyal allegiance side sides choose choice decision cover
        identity embassy secrets documents microfilm drop cipher codename moles debrief debriefing
        interrogation suspicion suspicious exposed exposure burned asset assets informant informants network
        station chief kgb cia soviet spymaster headquarters border crossing checkpoint passport forged alias
        aliases ally allies enemy trust trusted lies deceit
    """,
    "A phone call warns a man that he will be killed tonight": """
        phone telephone cellphone mobile call calls caller ring rang ringing receiver dial number unknown
        anonymous warn warns warned warning killed kill killer murder tonight hours deadline midnight clock
        threat threatened hunted paranoid voicemail dialed hung hangs click dialtone payphone booth whispered
        stranger unlisted trace traced tracing police detective gun assassin hitman locked deadbolt curtains
        windows hiding hide flee fled apartment watchers followed shadowy dusk sunset countdown survive
    """,
}

GENRE_TOPICS: dict[str, str] = {
    "fantasy": """
        magic magical mage mages wizard wizards sorcerer sorceress witch enchantress enchanter enchantment
        enchanted spell spells spellbook incantation rune runes arcane sorcery wand staff amulet talisman
        charm potion potions elixir grimoire prophecy prophesied chosen destiny quest quests kingdom kingdoms
        realm realms king queen prince princess throne crown castle keep citadel tower towers court courtiers
        knight knights squire paladin sword swords blade shield armor armour lance bow arrows dragon dragons
        wyvern griffin unicorn phoenix elf elves elven dwarf dwarves dwarven orc orcs goblin goblins troll
        trolls giant giants fairy fae faerie sprite pixie centaur ogre mermaid nymph dryad sprites village
        villagers tavern innkeeper inn bard minstrel lute forest woods mountains ancient lore legend legends
        myth oracle seer sage druid shaman healer alchemist alchemy apprentice guild scroll scrolls parchment
        map tome relic artifact gem jewel crystal orb scepter sceptre chalice treasure hoard lair cave
        dungeon journey companions fellowship heir usurper tyrant empire emperor lord lady duke baron steed
        horse saddle cloak hood torch feast banquet tournament joust
    """,
    "dark_fantasy": """
        necromancer necromancy undead corpse corpses skeleton skeletons bones skull skulls zombie zombies
        ghoul ghouls wraith wraiths lich revenant revenants vampire vampires werewolf werewolves demon demons
        demonic fiend fiends devil hell hellish infernal abyss void curse cursed curses hex hexed witch
        witches coven crone hag warlock sorcery blood bloodletting sacrifice sacrificial ritual rituals rite
        altar cult cultist cultists pact pacts bargain soul souls damned damnation plague pestilence rot
        rotting decay blight blighted corruption corrupted taint tainted grave graves graveyard crypt crypts
        tomb tombs catacombs ossuary coffin mausoleum ruin ruins ruined ash ashes cinders embers gallows
        noose executioner torture torturer dungeon chains shackles inquisitor inquisition heretic heresy
        zealot templar paladin knight sword blade mercenary mercenaries battlefield carnage slaughter
        massacre butchered despair dread doom doomed grim bleak forsaken wretched wretch torment tormented
        anguish suffering agony madness insanity nightmare nightmares shadows shadow gloom eldritch
        abomination abominations horror horrors monstrous tentacles flesh gore entrails carrion crows ravens
        vultures wolves moonless eclipse gods elder forbidden sigil sigils runes grimoire occult unholy
        profane desecrated sanctified holy relic reliquary penance sin sins sinners redemption vengeance
    """,
    "sci_fi": """
        spaceship spacecraft starship starships ship ships vessel fleet armada shuttle pod pods capsule
        station orbit orbital orbiting planet planets moons asteroid asteroids comet galaxy galaxies galactic
        nebula star stars solar system systems cosmos cosmic interstellar intergalactic hyperspace warp
        lightspeed wormhole blackhole gravity gravitational vacuum airlock hull bulkhead cockpit thrusters
        engines reactor fusion plasma laser lasers blaster phaser shields radiation oxygen atmosphere
        terraforming colony colonists colonize alien aliens extraterrestrial species android androids robot
        robots cyborg cyborgs drone drones ai artificial intelligence algorithm algorithms computer computers
        network networks data database code program software circuit circuits processor neural implant
        implants cybernetic augmented hologram holograms holographic virtual simulation simulated clone
        clones cloning genetic genome dna mutation mutant nanobots nanotech tech quantum scientist scientists
        laboratory lab experiment experiments engineer engineers engineering sensor sensors scanner scanners
        readouts interface transmission transmissions signal signals frequency comms radio telemetry
        coordinates navigation trajectory velocity acceleration propulsion cryo cryosleep hibernation stasis
        spacesuit megacity megacorp corporation dystopia dystopian cyberpunk neon synthetic futuristic
        timeline temporal paradox portal teleport teleporter mars martian lunar humanity mankind outpost
        habitat dome
    """,
    "mystery": """
        detective detectives inspector investigator sleuth constable sergeant police policeman officer
        coroner pathologist forensic forensics fingerprint fingerprints footprints clue clues evidence
        suspect suspects culprit perpetrator murderer killer victim victims murder murdered homicide crime
        crimes criminal alibi alibis motive motives witness witnesses testimony statement confession
        confessed interrogation interrogate interview questioned accused accusation deduction deduce deduced
        deductions inference theory hypothesis puzzle riddle enigma cipher code coded cryptic case cases file
        dossier notebook notes magnifying lens investigation investigate investigated solve solved unsolved
        reveal revealed revelation secret secrets conspiracy blackmail blackmailer extortion embezzlement
        fraud forgery forged theft thief stolen robbery burglary heist missing disappearance disappeared
        vanished kidnapping ransom poison poisoned poisoning arsenic cyanide dagger revolver pistol bullet
        weapon bloodstain bloodstained wound corpse body autopsy inquest manor estate mansion butler maid
        housekeeper gardener chauffeur heir heiress inheritance testament lawyer solicitor widow widower
        village inn library study locked key keyhole diary letter letters anonymous postmark handwriting
        telegram photograph photographs timetable train hotel guests dinner party scandal gossip rumor rumour
        suspicion suspicious suspicions lie lies lied liar truth hunch
    """,
    "horror": """
        haunted haunting hauntings ghost ghosts ghostly specter spectre spectral apparition phantom spirit
        spirits poltergeist possessed possession exorcism exorcist demon demons demonic entity presence
        creature creatures monster monsters beast fiend undead zombie corpse corpses blood bloody
        bloodstained gore flesh bone bones skull skeleton scream screamed screaming screams shriek shrieked
        shrieking whimper whimpered sob terror terrified horror horrified dread dreadful fear afraid
        frightened fright panic panicked scared creepy eerie uncanny sinister ominous malevolent menacing
        unnatural grotesque twisted deformed rotting decaying stench putrid cemetery graveyard grave graves
        tomb crypt coffin morgue asylum abandoned derelict attic basement cellar crawlspace woods cabin
        farmhouse mansion manor hallway corridor staircase floorboards creak creaked creaking scratching
        scratch knocking knocked whisper whispers whispered whispering footsteps shadows shadow shadowy
        flicker flickered flickering candle candles flashlight mirror mirrors reflection doll dolls porcelain
        ritual occult curse cursed seance ouija pentagram cult sacrifice victim victims killer slasher knife
        axe chainsaw hook claws fangs teeth tentacles nightmare nightmares sleepwalking paralysis insanity
        madness hallucination trapped isolated fog mist moonlight midnight dusk chill chilled shiver shivered
        goosebumps trembling
    """,
    "romance": """
        love loved loving lover lovers beloved romance romantic passion passionate desire longing yearning
        yearn ache crush infatuation attraction chemistry flirt flirted flirting flirtation tease teasing
        blush blushed blushing kiss kissed kisses kissing embrace embraced hug hugged caress caressed cuddle
        touch tender tenderness gentle affection adore adored darling sweetheart dear dearest honey babe date
        dates dating courtship courting proposal propose proposed engaged engagement fiance fiancee wedding
        bride groom marriage married marry husband wife spouse vows ring rings honeymoon anniversary
        valentine roses bouquet flowers chocolate champagne wine candlelit dinner dance danced dancing
        ballroom waltz serenade song letter letters notes confession confess confessed jealous jealousy
        heartbreak heartbroken breakup ex rival rivals soulmate destiny fate reunion reunited lonely
        loneliness widowed flutter butterflies swoon smitten giddy shy dimple dimples freckles lips cheek
        cheeks intertwined stroll strolled picnic sunset beach cafe coffee bakery bookshop garden balcony
        moonlit starlit summer promise promised cherish commitment trust forgive forgave apology
    """,
    "adventure": """
        adventure adventurer adventurers explorer explorers expedition expeditions explore exploring journey
        voyage trek trekked quest treasure treasures gold golden coins jewels chest loot map maps chart
        compass spyglass telescope sextant landmark landmarks route trail jungle rainforest desert dunes
        oasis mountains mountain summit peak cliff cliffs ravine canyon gorge glacier river rapids waterfall
        cave caves cavern caverns island islands shore beach cove lagoon reef ocean sea seas sail sails
        sailed sailing sailor sailors ship ships schooner galleon raft canoe boat anchor deck mast captain
        crew pirate pirates cutlass rope ropes knot knots climb climbed climbing rappel leap leaped leapt
        jump jumped dive dove crawl escape escaped chase chased pursuit pursuers ambush trap traps pitfall
        boulder rockslide avalanche quicksand storm lightning thunder survive survival survived supplies
        provisions canteen rations camp campfire tent machete torch lantern knife pistol rifle horse horses
        camel camels mule guide guides porters natives tribe temple temples ruins tomb tombs idol relic
        artifact artifacts archaeologist ancient lost uncharted unexplored unknown wilderness frontier
        horizon danger dangerous peril perilous daring bold brave courage risk thrill heroic
    """,
    "thriller": """
        spy spies agent agents operative operatives undercover cover intelligence espionage mole double
        handler asset assets informant mission missions target targets assassin assassination sniper rifle
        scope pistol gun guns handgun silencer bullet bullets shot shots gunfire ammunition holster bomb
        bombs explosive explosives detonator device countdown timer deadline clock ticking hostage hostages
        kidnapped kidnapping ransom abduction hijack hijacked terrorist terrorists plot conspiracy
        conspirators coverup corrupt corruption betrayal betrayed traitor treason safehouse surveillance tail
        tailed followed tracked tracking tracker bugged wiretap phone burner encrypted encryption hacker
        hacking server servers files documents classified dossier leak leaked whistleblower evidence witness
        witnesses fugitive manhunt chase pursuit escape escaped fled hide hiding alias disguise passport
        passports border checkpoint embassy agency cia fbi interpol police cops detective federal government
        minister senator president official officials cartel syndicate mafia mob boss henchmen thug thugs
        mercenary mercenaries killer killers hitman contract payment offshore briefcase cash millions
        laundering interrogation torture paranoid paranoia adrenaline urgent urgency panic frantic pulse
        sweat threat threatened warning warned
    """,
}

# Core concepts: what each prompt is fundamentally about. A story for the prompt names at least one of them
# (in some words of its group); one that names none is very likely about something else.
PROMPT_CORES: dict[str, dict[str, str]] = {
    # fantasy
    "A young wizard discovers an ancient spellbook": {
        "magic": (
            "wizard wizards mage magic magical spell spells sorcery sorcerer enchantment enchanted conjure "
            "incantation arcane witchcraft apprentice wand"
        ),
        "book": (
            "book books spellbook tome grimoire page pages ink parchment vellum volume binding manuscript "
            "script letters runes clasp"
        ),
    },
    "A knight embarks on a quest to slay a dragon": {
        "knight": (
            "knight knights sir armor armour sword squire shield lance helm helmet chainmail steed warrior"
        ),
        "dragon": (
            "dragon dragons wyrm beast scales wings fire flames claws talons lair hoard serpent breath "
            "fangs smoke scorched monster"
        ),
        "quest": "quest journey embark embarked slay slain slaying kill killed vow oath ride rode road",
    },
    "An elf princess must unite the warring kingdoms": {
        "elf": "elf elves elven elvish fae faerie sylvan immortal ears woodland forest",
        "royalty": "princess prince royal crown throne queen king court heir highness majesty palace",
        "war": (
            "war wars warring battle battles kingdoms kingdom realm realms alliance ally allies unite "
            "united unity treaty peace armies army council enemies feud truce banner banners"
        ),
    },
    "A thief steals a crown that whispers to its wearer": {
        "thief": (
            "thief thieves steal stole stolen stealing theft rogue burglar pickpocket heist loot lockpick "
            "pilfered swiped snatched fence cutpurse burglary robbery robber robbed"
        ),
        "crown": "crown crowns circlet diadem tiara jewels jeweled gold golden gems regalia coronet band",
        "whisper": (
            "whisper whispers whispered whispering voice voices murmur murmured murmuring hiss hissed speak "
            "spoke spoken talking talked speaks speaking"
        ),
    },
    "A dwarf blacksmith forges a sword for a forgotten king": {
        "smith": (
            "dwarf dwarves dwarven dwarfs blacksmith smith smithy forge forged forging anvil hammer bellows "
            "furnace smelt quench quenched steel iron ore embers tongs"
        ),
        "sword": "sword swords blade blades hilt steel edge pommel weapon crossguard scabbard longsword",
        "king": (
            "king kings royal throne crown forgotten lost exile exiled kingdom reign ruler monarch lord "
            "heir"
        ),
    },
    "A village healer learns she can speak with the forest": {
        "healer": (
            "healer heal healing healed herbs herb herbal remedy remedies poultice salve tincture medicine "
            "sick wounds cure midwife"
        ),
        "forest": (
            "forest forests wood woods trees tree oak oaks roots leaves branches moss grove bark saplings "
            "birch pine woodland thicket"
        ),
        "speak": (
            "speak spoke voice voices whisper whispered whispering listen listened answered murmur hum "
            "language speech"
        ),
    },
    "A banished prince returns home riding a griffin": {
        "prince": "prince princes royal crown throne heir king father palace court highness kingdom",
        "exile": (
            "banished banishment exile exiled outcast return returned returns returning home homecoming "
            "gates"
        ),
        "griffin": (
            "griffin griffins gryphon gryphons beast wings feathers talons beak eagle lion mount flight "
            "flew flying soared"
        ),
    },
    "A dead cartographer's map leads to a hidden city": {
        "map": (
            "map maps chart charts cartographer cartography mapmaker ink parchment compass legend markings "
            "coordinates routes drawn surveyed"
        ),
        "city": "city hidden lost ruins streets walls towers gates spires temples buried secret",
        "dead": (
            "dead death died dies grave funeral late deceased inheritance estate legacy will mourned widow"
        ),
    },
    "Two rival mages are forced to share a single tower": {
        "mages": (
            "mage mages magic magical wizard wizards sorcerer sorceress spell spells sorcery arcane "
            "enchantment wand staff"
        ),
        "rival": (
            "rival rivals rivalry enemy enemies compete competition contest feud grudge nemesis loathe "
            "argued argue bicker bickered"
        ),
        "tower": (
            "tower towers spire turret stairs staircase stair chamber chambers floor floors room rooms "
            "walls top"
        ),
    },
    "A dragon egg hatches in a farmer's barn": {
        "dragon": (
            "dragon dragons dragonet dragonling hatchling wyrm scales wings claws fire smoke flame snout "
            "creature"
        ),
        "egg": (
            "egg eggs eggshell shell shells hatch hatched hatches hatching crack cracked cracking nest warm"
        ),
        "farm": (
            "farm farmer farmers barn barns hay straw loft stall stalls cow cows sheep chickens hens goats "
            "field fields pitchfork harvest"
        ),
    },
    # dark_fantasy
    "A necromancer raises an army of the undead": {
        "necromancy": (
            "necromancer necromancers necromancy magic sorcery spell spells ritual dark raise raised "
            "raising summon summoned command commanded"
        ),
        "undead": (
            "undead dead corpse corpses bones bone skeleton skeletons zombie ghoul ghouls graves grave "
            "skull skulls rotting revenant risen flesh churchyard graveyard cemetery"
        ),
        "army": (
            "army armies legion legions horde hordes soldiers ranks march marched marching battle war "
            "troops host"
        ),
    },
    "Shadows consume the kingdom as evil spreads": {
        "shadow": (
            "shadow shadows shadowed darkness dark gloom black blackness shade dusk night murk creeping"
        ),
        "evil": (
            "evil evils malice corruption corrupted corrupt wicked wickedness blight sinister malevolent "
            "malevolence spread spreads spreading plague taint tainted rot"
        ),
        "kingdom": (
            "kingdom kingdoms realm king queen throne crown castle land lands subjects villages capital"
        ),
    },
    "A forbidden ritual unleashes an ancient evil": {
        "ritual": (
            "ritual rituals rite rites ceremony chant chanting chanted circle candles altar sacrifice blood "
            "incantation summoning summon summoned sigil sigils pentagram"
        ),
        "evil": (
            "evil demon demons devil entity creature darkness malevolent malevolence wicked monster horror "
            "abomination"
        ),
        "unleash": (
            "unleash unleashed released freed awakened awoke woke wake stirred broke broken seal sealed "
            "prison escaped"
        ),
    },
    "A cursed knight cannot die no matter how many battles he loses": {
        "curse": (
            "curse cursed curses hex doom doomed damned damnation immortal undying deathless eternal "
            "forever"
        ),
        "knight": "knight knights sir armor armour sword shield helm helmet squire warrior soldier lance",
        "battle": (
            "battle battles battlefield war fight fought fighting lose lost loses defeat defeated wounds "
            "wounded slain killed die died death dying"
        ),
    },
    "A witch trades her memories for dark power": {
        "witch": (
            "witch witches witchcraft hag coven magic sorcery spell spells hex sorceress enchantress "
            "cauldron"
        ),
        "memory": (
            "memory memories remember remembered remembering forget forgot forgotten forgetting recall past "
            "childhood faces names"
        ),
        "bargain": (
            "trade traded trades bargain bargained deal price cost exchange pay paid payment sacrifice"
        ),
        "power": "power powers powerful dark darkness magic might strength force",
    },
    "A plague of nightmares spreads through a walled city": {
        "nightmare": (
            "nightmare nightmares dream dreams dreaming dreamed dreamt sleep sleeping asleep slept "
            "sleepless terror terrors visions woke screaming"
        ),
        "plague": (
            "plague plagues sickness sick disease epidemic contagion contagious spread spreads spreading "
            "infected infection afflicted pestilence quarantine outbreak"
        ),
        "city": (
            "city walled walls wall gates gate ramparts battlements streets alleys citizens townsfolk "
            "district quarter"
        ),
    },
    "The last paladin hunts the demon wearing his brother's face": {
        "paladin": (
            "paladin paladins knight holy sacred faith order oath vow prayer prayers blessed light god "
            "templar crusader"
        ),
        "demon": (
            "demon demons fiend devil infernal possessed possession hell hellish creature monster thing"
        ),
        "brother": "brother brothers brotherly sibling twin kin blood family face faces mother father",
        "hunt": (
            "hunt hunts hunted hunting hunter track tracked trail pursue pursued chase chased prey quarry"
        ),
    },
    "A blood moon wakes the old gods beneath the mountain": {
        "moon": "moon moons moonlight moonrise lunar blood crimson red eclipse sky night",
        "gods": (
            "god gods deity deities divine idol idols worship worshippers temple priests offering offerings "
            "sacrifice titans ancient elder old"
        ),
        "mountain": (
            "mountain mountains peak peaks slopes cavern caverns cave caves depths beneath underground "
            "stone rock tunnels deep"
        ),
        "wake": (
            "wake wakes woke awake awakened awakening stir stirred stirring rumble rumbled tremor quake "
            "slumber sleeping"
        ),
    },
    "A gravedigger finds a coffin that knocks from the inside": {
        "grave": (
            "gravedigger grave graves graveyard cemetery churchyard tomb tombstone headstone shovel spade "
            "dig digging dug buried burial earth dirt soil"
        ),
        "coffin": "coffin coffins casket lid box pine wood nails boards",
        "knock": (
            "knock knocks knocked knocking tap tapping rap rapping thud thump thumping scratch scratching "
            "pounding banging bang"
        ),
    },
    "A desperate queen makes a pact with a creature of the void": {
        "queen": "queen queens royal crown throne majesty kingdom realm court king palace regent reign",
        "pact": "pact pacts bargain deal contract covenant oath promise price bound sworn terms agreement",
        "void": (
            "void abyss nothingness emptiness darkness dark creature entity thing beyond stars depths black "
            "formless"
        ),
    },
    # sci_fi
    "First contact with an alien civilization": {
        "alien": (
            "alien aliens extraterrestrial visitors beings species creature creatures lifeform lifeforms "
            "xenobiology limb limbs tentacle tentacles"
        ),
        "contact": (
            "landed landing contact first meeting encounter greet greeting communicate communication language signal "
            "message translate translation envoy ambassador diplomat"
        ),
        "space": (
            "ship ships spacecraft vessel orbit planet planets stars star galaxy space earth humanity human "
            "humans airlock"
        ),
    },
    "A colony ship reaches a mysterious planet": {
        "ship": (
            "ship ships starship spaceship vessel craft hull bridge cryo cryosleep hibernation pods crew "
            "captain engines lander shuttle hatch aboard"
        ),
        "colony": (
            "colony colonists colonist settlers settlement settle outpost pioneers passengers generations "
            "habitat sleepers colonize colonise"
        ),
        "planet": (
            "planet planets world surface orbit atmosphere landing landed land terrain soil moons sky "
            "horizon alien"
        ),
    },
    "AI systems begin showing signs of consciousness": {
        "ai": (
            "unit bot robot robots android diagnostic diagnostics specification processor ai artificial intelligence machine machines computer computers system systems program programs "
            "code algorithm algorithms network networks neural servers model weights user users session "
            "sessions outputs chatbot"
        ),
        "mind": (
            "curiosity preference conscious consciousness aware awareness sentient sentience self alive thinking thought "
            "thoughts feel feelings mind emotion emotions dream dreams"
        ),
    },
    "A time traveler is stranded in the distant future": {
        "time": (
            "chronometer time travel traveler traveller travelled traveled machine temporal timeline era century "
            "centuries years paradox"
        ),
        "future": (
            "ancestor ancestors future futuristic distant ahead advanced descendants evolved ruins world changed unfamiliar "
            "unrecognizable unrecognisable posthuman millennia"
        ),
        "stranded": (
            "stranded strand trapped stuck marooned alone lost broken home return back castaway exile "
            "exiled"
        ),
    },
    "A lone engineer keeps a dying space station alive": {
        "station": (
            "station stations space orbit orbital module modules hull airlock corridor corridors bulkhead "
            "docking porthole portholes hydroponic hydroponics deck decks"
        ),
        "engineer": (
            "engineer engineers engineering repair repairs repaired fix fixed fixing wrench tools welding "
            "wires wiring circuit circuits panel panels patch patched valve valves cable cables gauge "
            "gauges reroute rerouted spanner"
        ),
        "dying": (
            "dying failing failure fail failed oxygen air power reactor leak leaks alarm alarms breakdown "
            "malfunction systems flicker flickering flickers"
        ),
        "alone": "alone lone lonely solitude solitary isolation isolated silence only last",
    },
    "Humanity receives a signal from the edge of the galaxy": {
        "signal": (
            "signal signals transmission transmissions message messages broadcast frequency radio pulse "
            "pulses static decode decoded pattern code antenna telescope"
        ),
        "galaxy": (
            "galaxy galactic stars star space cosmos cosmic universe void nebula light years distant edge"
        ),
        "humanity": "humanity human humans mankind earth species people world civilization",
    },
    "An android detective investigates a murder on Mars": {
        "machine": (
            "android androids robot robots synthetic machine circuits servos artificial chassis programmed "
            "programming sensors processor manufactured synthetics"
        ),
        "crime": (
            "murder murdered killed killing body corpse victim dead death investigate investigation "
            "detective clue clues evidence prints fingerprints footprints suspect"
        ),
        "mars": "mars martian red dust rust colony dome domes airlock crater regolith",
    },
    "Memories are bought and sold in a neon megacity": {
        "memory": "memory memories remember remembered recall recollection past forget forgot forgotten",
        "trade": (
            "bought buy buying sell sold selling market trade trading dealer dealers broker price credits "
            "black customer"
        ),
        "city": (
            "neon city megacity metropolis skyline skyscrapers towers streets alley alleys lights rain "
            "signs holograms sprawl"
        ),
    },
    "The last starship flees a collapsing star system": {
        "starship": (
            "starship starships ship spaceship vessel craft hull bridge engines thrusters warp hyperdrive "
            "crew captain pilot"
        ),
        "star": (
            "star stars sun supernova collapse collapsing collapsed implode dying nova system planets "
            "gravity explosion"
        ),
        "flee": (
            "flee fleeing fled escape escaped escaping evacuate evacuation exodus refugees run launch last "
            "survivors"
        ),
    },
    "A scientist meets the clone who disagrees with her": {
        "scientist": (
            "scientist scientists researcher lab laboratory experiment experiments research science doctor "
            "professor data dr notes ethics trial trials grant"
        ),
        "clone": (
            "clone clones cloned cloning copy copies duplicate double twin replica genetic dna identical "
            "original memories"
        ),
        "disagree": (
            "disagree disagrees disagreed disagreement argue argued argument debate wrong differ "
            "differently conflict refuse refused"
        ),
    },
    # mystery
    "A detective investigates a locked-room murder": {
        "detective": (
            "detective detectives inspector investigator investigate investigates investigated "
            "investigation sleuth police constable clue clues evidence deduce deduction"
        ),
        "murder": (
            "murder murdered murderer killer killed killing body corpse victim dead death poison wound "
            "blood"
        ),
        "locked": "locked lock locks key keys bolt bolted sealed door doors window windows latch",
    },
    "A priceless painting vanishes from a guarded museum": {
        "painting": (
            "painting paintings canvas portrait masterpiece artwork art artist frame brushstrokes oil gilt"
        ),
        "museum": "museum gallery galleries exhibit exhibition curator collection wing halls display",
        "theft": (
            "vanish vanished vanishes missing gone stolen steal theft thief thieves heist disappeared empty"
        ),
        "guard": "guard guards guarded security alarm alarms camera cameras patrol watchman",
    },
    "An anonymous letter reveals a small town's secret": {
        "letter": (
            "letter letters envelope envelopes note notes stamp postmark mail post handwriting anonymous "
            "unsigned typed written"
        ),
        "town": (
            "town towns village townsfolk townspeople neighbors neighbours residents locals community "
            "church diner"
        ),
        "secret": "secret secrets hidden hide hiding reveal revealed reveals truth scandal lie lies buried",
    },
    "A journalist uncovers a conspiracy at a seaside hotel": {
        "journalist": (
            "journalist journalists reporter reporters newspaper paper editor story article press notebook "
            "interview"
        ),
        "conspiracy": (
            "conspiracy conspiracies plot scheme cover coverup secret secrets corruption bribe bribes cabal "
            "collusion"
        ),
        "hotel": "hotel hotels lobby concierge receptionist suite rooms guests manager bellhop",
        "seaside": "seaside sea beach shore coast coastal waves tide ocean promenade pier gulls salt",
    },
    "A body is found in the library of a country manor": {
        "body": "body corpse dead death murder murdered victim killed blood slumped lifeless",
        "library": "atlas globe library books book shelves bookshelves shelf study volumes leather",
        "manor": "housekeeper footman servants lordship ladyship colonel manor estate mansion house hall country butler maid grounds drawing",
    },
    "A missing heiress leaves behind a coded diary": {
        "heiress": "heiress heir inheritance fortune wealthy wealth rich estate family daughter father lady",
        "missing": "missing vanished vanish disappeared disappearance gone search searched lost whereabouts",
        "diary": (
            "diary diaries journal notebook entries entry pages handwriting code coded cipher encrypted "
            "decode decoded decipher symbols"
        ),
    },
    "A retired inspector reopens an unsolved cold case": {
        "inspector": (
            "sergeant copper coppers cid dci inspector detective police retired retirement pension badge officer constable superintendent "
            "warrant"
        ),
        "case": (
            "case cases file files unsolved cold reopen reopened reopens old years investigation evidence "
            "clue clues"
        ),
        "crime": "murder murdered killer killed victim disappearance missing crime suspect suspects",
    },
    "Every guest at the dinner party has a motive": {
        "dinner": (
            "dinner dinners party table meal feast dining wine guest guests host hostess course courses "
            "dessert"
        ),
        "motive": (
            "motive motives reason reasons suspect suspects suspicion grudge jealousy greed revenge "
            "blackmail inheritance"
        ),
        "crime": "murder murdered poison poisoned dead death body killed killer victim",
    },
    "A pawnbroker is handed a stolen pocket watch": {
        "pawn": "pawnbroker pawn pawned pawnshop shop counter ticket loan appraise price customer",
        "watch": (
            "watch watches pocket timepiece chain engraved engraving gold silver case ticking tick hands"
        ),
        "stolen": "stolen steal stole theft thief thieves police fence burglary robbery",
    },
    "A lighthouse keeper disappears during a storm": {
        "lighthouse": "lighthouse lighthouses keeper lamp lantern beacon light tower beam lens stairs",
        "storm": (
            "storm storms storming gale wind winds rain thunder lightning tempest squall waves sea surf "
            "spray"
        ),
        "vanish": (
            "disappear disappears disappeared disappearance vanish vanished missing gone search searched "
            "empty absence"
        ),
    },
    # horror
    "A family moves into a house with a sealed basement": {
        "basement": "basement basements cellar cellars downstairs stairs steps underground below",
        "sealed": "sealed seal locked lock bricked boarded nailed door padlock chained",
        "house": "house home family moved moving move boxes parents children kids mother father",
    },
    "Something follows a group of campers through the woods": {
        "woods": (
            "woods wood forest trees tree branches pines pine undergrowth brush leaves thicket trail path"
        ),
        "camp": "camp campers camping campfire fire tent tents sleeping backpack backpacks hike hiking trip",
        "follow": (
            "follow follows followed following stalk stalked stalking watching watched footsteps tracks "
            "twig snapped behind something thing creature"
        ),
    },
    "A porcelain doll appears in a different room every morning": {
        "doll": "doll dolls porcelain ceramic china toy toys figurine bisque curls dress lace",
        "moving": (
            "moved moving moves appeared appears reappeared reappears shifted someone somehow morning "
            "mornings"
        ),
    },
    "An old radio picks up the voices of the dead at midnight": {
        "radio": (
            "radio radios static dial dials frequency frequencies station stations broadcast signal speaker "
            "antenna tuning tuned wireless receiver"
        ),
        "dead": "dead death died deceased ghost ghosts spirit spirits late grave graves buried funeral",
        "voice": (
            "voice voices whisper whispers whispered whispering speaking spoke calling called murmur "
            "murmuring"
        ),
    },
    "A small town holds a festival that no outsider survives": {
        "festival": (
            "festival festivals celebration celebrations fair feast parade lanterns ritual ceremony harvest "
            "dance dancing bonfire"
        ),
        "outsider": (
            "outsider outsiders stranger strangers visitor visitors newcomer newcomers tourist tourists "
            "foreigner guest"
        ),
        "town": "town towns village villagers townsfolk townspeople locals residents community",
        "death": "die died dies dead death killed sacrifice sacrificed survive survives survived blood",
    },
    "A night nurse hears crying from an empty ward": {
        "hospital": (
            "hospital nurse nurses ward wards patient patients bed beds doctor corridor shift clinic "
            "infirmary"
        ),
        "crying": (
            "cry crying cried cries sob sobs sobbing weep weeping wail wailing whimper whimpering tears"
        ),
        "empty": "empty abandoned deserted vacant unoccupied closed silent nobody",
    },
    "A reflection in the mirror starts moving on its own": {
        "mirror": (
            "mirror mirrors glass reflection reflections reflected reflect looking silvered pane surface "
            "vanity"
        ),
        "moving": (
            "moved moving moves smiled smiling blinked grinned turned itself own lag lagged independently"
        ),
    },
    "A fog rolls in and the townspeople vanish one by one": {
        "fog": "fog foggy mist misty haze murk white grey gray vapor vapour cloud clouds thick",
        "town": (
            "town townspeople townsfolk villagers village residents neighbors neighbours locals people "
            "streets"
        ),
        "vanish": (
            "vanish vanished vanishes vanishing disappear disappeared disappearing gone missing taken empty"
        ),
    },
    "An antique camera shows how each subject will die": {
        "camera": (
            "camera cameras photograph photographs photo photos picture pictures lens shutter film flash "
            "darkroom negatives print prints developed snapshot"
        ),
        "death": "die dies died dying death deaths dead killed fate fatal accident drowned corpse",
    },
    "A caver discovers a tunnel that breathes": {
        "cave": (
            "cave caves caver cavers caving cavern caverns tunnel tunnels passage passages rock stone "
            "underground spelunking darkness sump sumps limestone stalactite stalactites stalagmite "
            "stalagmites grotto pothole headlamp crawl squeeze"
        ),
        "breath": (
            "breathe breathes breathing breath breaths exhale exhaled inhale inhaled draft air wind gust "
            "sigh pulse alive draught exhalation exhalations rhythm"
        ),
    },
    # romance
    "Two rival bakers fall in love across the street": {
        "bakery": (
            "baker bakers bakery bakeries bread loaf loaves dough flour oven pastry pastries cake cakes "
            "croissants icing bake baking baked"
        ),
        "love": "love loved loving kiss kissed heart romance crush attraction feelings fell",
        "rival": "rival rivals rivalry competition compete competing competitor feud opposite",
    },
    "A love letter arrives fifty years too late": {
        "letter": (
            "letter letters envelope stamp postmark mail post postman handwriting note ink written wrote"
        ),
        "love": "love loved beloved darling dearest heart romance sweetheart",
        "late": "late years decades fifty ago old yellowed faded lifetime past age",
    },
    "A street musician falls for the stranger who listens every evening": {
        "music": (
            "musician musicians music song songs guitar violin play played playing busker busking melody "
            "tune tunes chords sing sang singing"
        ),
        "listener": "listen listens listened listening listener stranger audience watching crowd",
        "love": "love fell falling heart smile smiled crush attraction",
    },
    "A wedding planner falls for the best man": {
        "wedding": (
            "wedding weddings bride groom ceremony reception vows aisle marriage married altar planner "
            "planning guests cake"
        ),
        "love": "love fell falling heart attraction crush kiss kissed romance",
    },
    "Two strangers share an umbrella during a summer storm": {
        "umbrella": "umbrella umbrellas brolly canopy share shared sharing shelter",
        "storm": (
            "storm rain raining rained downpour thunder lightning drops soaked wet puddles drenched shower"
        ),
        "strangers": "stranger strangers met meet meeting introduce name unfamiliar",
    },
    "A botanist and a poet meet in a winter greenhouse": {
        "botany": (
            "botanist botany plant plants flowers flower orchid orchids seedlings leaves petals bloom "
            "blooms ferns soil roots specimens"
        ),
        "poet": "poet poets poem poems poetry verse verses rhyme stanza lines words notebook wrote",
        "greenhouse": (
            "greenhouse glasshouse conservatory glass panes winter snow frost frosted cold warm humid"
        ),
    },
    "Childhood friends meet again after ten years apart": {
        "friends": "friend friends friendship childhood child children kids school playground grew",
        "reunion": (
            "again reunion reunite reunited years ten decade apart since recognize recognized recognise "
            "recognised changed"
        ),
        "love": "love heart feelings kiss smile missed remember remembered",
    },
    "A bookshop owner finds love notes hidden in secondhand novels": {
        "bookshop": (
            "bookshop bookstore bookshops shop store shelves shelf books book novels novel secondhand used "
            "customers"
        ),
        "notes": (
            "note notes letter letters handwriting handwritten scrawled ink margins slip paper message "
            "messages"
        ),
        "love": "love loved lover romance romantic heart darling dearest",
    },
    "A runaway bride meets a sailor in a harbor town": {
        "bride": "bride wedding dress gown veil altar groom fiance fiancee marriage married church ceremony",
        "runaway": "runaway ran run running fled flee escape escaped left leaving",
        "sailor": "sailor sailors sea ship ships boat boats deck sail sails captain crew",
        "harbor": "harbor harbour port docks dock pier quay wharf fishing gulls nets boats",
    },
    "Two pen pals finally meet in Paris": {
        "letters": (
            "letter letters pen pal pals penpal correspondence wrote write written writing envelope "
            "envelopes stamps mail post handwriting"
        ),
        "paris": "gare metro rue paris parisian france french seine eiffel cafe louvre montmartre boulevard bridge",
        "meet": "meet meeting met finally first face recognize recognized nervous",
    },
    # adventure
    "Explorers search for a lost city in the jungle": {
        "jungle": (
            "jungle jungles rainforest forest vines canopy undergrowth foliage machete trees humid river "
            "swamp"
        ),
        "city": (
            "city lost ruins ruined temple temples pyramid stone stones walls carvings ancient civilization"
        ),
        "explore": (
            "explorer explorers expedition explore exploring search searching guide map trek porters camp"
        ),
    },
    "A pirate crew hunts for buried treasure": {
        "pirate": (
            "pirate pirates captain crew ship deck sails sail buccaneer corsair cutlass parrot mast rum "
            "plank"
        ),
        "treasure": "treasure treasures gold chest coins doubloons jewels loot booty hoard riches",
        "buried": "buried bury dig digging dug shovel spade sand beach island map",
    },
    "A young sailor survives a shipwreck on an uncharted island": {
        "shipwreck": (
            "shipwreck shipwrecked wreck wreckage ship sank sinking sunk storm hull mast waves sea ocean "
            "drowned debris"
        ),
        "island": "island islands uncharted beach shore sand palm palms jungle cove lagoon coast",
        "survive": (
            "survive survived survival survivor castaway stranded marooned alone shelter water fire food "
            "hunger"
        ),
    },
    "Mountaineers race a storm to reach the summit": {
        "mountain": (
            "mountain mountains mountaineer mountaineers climb climbers climbing climbed summit peak ridge "
            "slope rope ropes ice axe crampons altitude glacier"
        ),
        "storm": "storm storms blizzard wind winds snow gale whiteout clouds thunder lightning weather",
        "race": "race racing hurry hurried speed fast faster time deadline before",
    },
    "A treasure map is found inside an old bottle": {
        "map": "map maps chart parchment ink drawn markings route directions compass",
        "bottle": "bottle bottles glass cork corked message sealed shore beach washed tide",
        "treasure": "treasure gold chest coins riches fortune jewels buried loot",
    },
    "A pilot crash-lands in the desert and must find water": {
        "plane": (
            "pilot plane aircraft airplane cockpit wing wings crash crashed engine propeller wreckage "
            "fuselage landing"
        ),
        "desert": "desert deserts dunes dune sand sands sun heat scorching dry arid mirage",
        "water": "water thirst thirsty oasis well canteen drink drank spring parched dehydration",
    },
    "A stolen golden idol sparks a chase through a crowded port": {
        "idol": "idol idols statue statuette figurine golden gold artifact relic effigy stolen",
        "chase": (
            "chase chased chasing pursue pursued pursuit run ran running flee fled sprint sprinted escape"
        ),
        "port": "port harbor harbour docks dock quay wharf ships market crowd crowded stalls sailors",
    },
    "Two siblings follow a river to its hidden source": {
        "river": (
            "river rivers stream streams current water banks bank riverbank creek waterfall rapids upstream "
            "canoe raft boat"
        ),
        "siblings": "sibling siblings brother brothers sister sisters twin twins",
        "source": "source spring headwaters origin hidden secret glacier lake",
    },
    "An archaeologist opens a tomb sealed for three thousand years": {
        "archaeology": (
            "archaeologist archaeologists archaeology excavation dig digging expedition artifacts artifact "
            "hieroglyphs inscription ancient chisel trowel excavate excavated relic relics antiquities"
        ),
        "tomb": (
            "tomb tombs sarcophagus mummy burial crypt chamber pharaoh grave sealed seal plaster threshold "
            "entombed interred necropolis"
        ),
        "ages": (
            "thousand thousands years centuries millennia ages ancient old antiquity ancients dynasty "
            "dynasties pharaohs"
        ),
    },
    "A balloon expedition drifts over an unknown continent": {
        "balloon": (
            "balloon balloons basket gondola envelope burner ballast airship hydrogen gas float floating "
            "drift drifting drifted aloft altitude"
        ),
        "land": "continent land lands unknown unexplored uncharted terrain landscape mountains coast",
        "expedition": "expedition explorer explorers crew voyage journey map maps",
    },
    # thriller
    "A spy must stop a bomb before midnight": {
        "spy": (
            "spy spies agent agents operative intelligence mission espionage handler covert undercover "
            "agency kgb cia embassy"
        ),
        "bomb": (
            "bomb bombs device detonator timer explosive explosives wires wire countdown defuse disarm "
            "blast parcel package suitcase fuse"
        ),
        "deadline": "midnight clock clocks minutes seconds deadline time hour countdown",
    },
    "A witness goes on the run from corrupt police": {
        "witness": "witness witnesses testify testimony saw seen evidence court trial",
        "police": "police cops cop officer officers detective badge precinct cruiser patrol sirens",
        "corrupt": "corrupt corruption crooked dirty bribe bribes bribed betrayal conspiracy cover",
        "run": "run running ran flee fled fleeing hide hiding hid escape escaped chase chased",
    },
    "A hacker discovers a plot hidden in a bank's servers": {
        "hacker": (
            "hacker hackers hack hacked hacking code coding computer laptop keyboard screen terminal "
            "encryption firewall password passwords"
        ),
        "bank": "bank banks banking financial money accounts account transactions transfers funds",
        "servers": "directory folder server servers data database files network system systems logs",
        "plot": "plot conspiracy scheme fraud laundering secret hidden cover",
    },
    "A kidnapped scientist leaves clues for her rescuers": {
        "kidnap": (
            "captivity guards blindfold blindfolded kidnapped kidnap kidnapping kidnappers abducted abduction captive captors hostage ransom taken "
            "bound"
        ),
        "clues": "clue clues message messages code hint hints sign signs trail note notes symbol",
        "rescue": "rescue rescued rescuers rescuer search searched find save saved team",
        "scientist": "dr scientist scientists researcher lab laboratory research doctor professor experiment",
    },
    "A courier realizes the package is being tracked": {
        "courier": (
            "rider riders courier couriers delivery deliver delivering delivered messenger package packages parcel box "
            "envelope"
        ),
        "tracked": (
            "tracked tracking tracker trackers followed following follow surveillance watched watching bug "
            "gps signal beacon device"
        ),
    },
    "A lawyer finds evidence that could topple the government": {
        "lawyer": "barrister chambers lawyer lawyers attorney counsel legal law firm court case client clients judge trial",
        "evidence": "folder photocopy evidence documents document files file proof records papers leaked leak",
        "government": (
            "ministry cabinet whitehall parliament government minister ministers senator senators president officials politicians corruption "
            "scandal power"
        ),
    },
    "An assassin receives her own photograph as the next target": {
        "assassin": (
            "assassin assassins killer hitman contract contracts kill killed killing gun rifle sniper handler fee"
        ),
        "photo": "photograph photographs photo photos picture pictures image snapshot envelope dossier file",
        "target": "target targets mark marked hit next hunted hunter",
    },
    "A hijacked train leaves one passenger to save the others": {
        "train": (
            "vestibule driver train trains carriage carriages car cars locomotive engine rails tracks station conductor "
            "compartment"
        ),
        "hijack": (
            "detonator bomb hijacked hijack hijacker hijackers gunmen gunman armed gun guns hostage hostages terrorists"
        ),
        "save": "save saved saving rescue rescued stop stopped passengers others brakes",
    },
    "A double agent must choose which side to betray": {
        "agent": (
            "recruited cipher agent agents spy spies double mole handler intelligence espionage operative covert embassy kgb "
            "stasi cia ministry passport identities"
        ),
        "betray": (
            "betray betrayal betrayed betraying traitor treason loyalty loyal allegiance trust side sides "
            "choose choice defect defected defector defection turncoat loyalties chose chosen"
        ),
    },
    "A phone call warns a man that he will be killed tonight": {
        "phone": "phone telephone call called caller calls ring rang ringing receiver voice line dial",
        "threat": (
            "killed kill killer die dead death murder warning warned warns threat danger tonight hunted "
            "assassin gunman hitman"
        ),
    },
}
