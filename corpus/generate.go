package corpus

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"strings"
	"testing/fstest"
	"time"
)

// GenerateCorpus returns a deterministic synthetic corpus of n passages for
// benchmarks: wire reports and fact sheets about invented treaties, people,
// countries and cities. Its vocabulary is drawn from a Zipf distribution, as
// in real text: common English words make up most of every sentence, and a
// long tail of rare words (invented ones, so that no real fact is stated)
// gives about 60,000 distinct words at 100,000 passages. Every sentence has
// names, numbers or dates. The same n and seed always give the same files.
func GenerateCorpus(n int, seed int64) fs.FS {
	files, _ := generate(n, seed)
	return files
}

// GeneratedQuestion is a question about a generated corpus, and the
// sentence of the corpus that it asks about.
type GeneratedQuestion struct {
	Q        string
	Sentence string // verbatim: one passage of the corpus holds it
}

// GenerateQuestions returns questions about the corpus that GenerateCorpus
// returns for the same n and seed, written the way people type them: lower
// case or not, terse or long, with or without a question mark. Every
// question is about a sentence of the corpus and uses its words, so
// answering one really searches and extracts. There is one for every 500
// sentences (most passages are sentences), and one at least for any corpus
// with a sentence in it.
func GenerateQuestions(n int, seed int64) []GeneratedQuestion {
	_, qs := generate(n, seed)
	return qs
}

// questionEvery is how many sentences the generator writes per question it
// keeps.
const questionEvery = 500

// commonWords are frequent words of English news text, most frequent first.
// They take the head of the generated Zipf vocabulary.
var commonWords = strings.Fields(`the of to and a in that for on is said with was by at as from it his an be has have will would are were
not its but after had who they been more their this also which over new than about into against two one
last year officials government minister president people could out up told when there should security
talks first before now other week all under since while three country military state forces may where
during most some defense agreement foreign between national weapons nuclear meeting monday tuesday
wednesday thursday friday saturday sunday statement leaders spokesman council ministry sides program no
only any them what because if can such make next time years month months days report according early
later both until press agency added called further without plans support deal issue decision call
political region control near world international several four five many despite former part among own
already still public including move whether each per little across around much whose warned urged asked
agreed expected believe believed official source sources secretary parliament committee vote approved
rejected announced expressed concern concerns border troops test tests launch system systems site sites
verification inspection inspectors stockpile arms treaty accord pact limits limit range missile missiles
warheads launchers bombers submarines drones allies ally partners partner economic sanctions trade
energy oil gas aid budget spending cut cuts level levels high low long short far held hold take took
give gave put set keep kept meet met help seen see saw show showed known know power powers capital city
cities area areas line lines team group groups members member party parties`)

// Parts of invented words: a syllable is an onset, a vowel and a coda.
var (
	genOnsets = strings.Fields("b br c ch d dr f fl g gr h j k kr l m n p pr r s sh sk st t tr v w z")
	genVowels = strings.Fields("a e i o u a e o ai ea ou ie")
	genCodas  = append(strings.Fields("n r l s m t k nd rt st ng"), "", "", "")
	genEnds   = append(strings.Fields("s ed ing al ation ist ity"), "", "", "", "", "", "", "")
)

// Real words for the fixed parts of the templates.
var (
	genFirst = strings.Fields(`Anna Boris Carla David Elena Farid Grace Hiro Irina James Kofi Lena Marco
Nadia Oleg Priya Quentin Rosa Stefan Tomas Amir Bianca Chen Dmitri Emeka Fatima Gustavo Hana Ivan Julia
Kenji Laila Mateo Nikolai Olga Pavel Ravi Sofia Tariq Ursula Viktor Wen Yusuf Zara Alejandro Beatriz
Cheng Dariusz Eszter Giorgi Hamid Ines Jakub Katarzyna Luis Mei Noor Omar Petra Rania Sergei Thandiwe`)
	genTitles    = []string{"foreign minister", "defense minister", "prime minister", "president", "ambassador", "chief negotiator", "spokesman", "envoy", "interior minister", "army chief"}
	genKinds     = []string{"Treaty", "Accord", "Convention", "Agreement", "Protocol", "Pact"}
	genOrgKinds  = []string{"Institute", "Council", "Agency", "Commission", "Ministry of Defense", "Foundation"}
	genWeapons   = []string{"launchers", "warheads", "cruise missiles", "artillery pieces", "patrol drones", "submarines", "bombers", "rocket systems", "tanks", "fighter jets", "mines", "interceptors"}
	genAdjs      = []string{"reckless", "long overdue", "a step forward", "dangerous", "premature", "a breakthrough", "disappointing", "unacceptable", "historic", "a mistake"}
	genOutlets   = []string{"Northern Herald", "Meridian Wire", "Global Press Service", "Arms Review", "Capital Daily", "Evening Courier", "Frontier Post"}
	genWireCodes = []string{"AP", "MW", "GPS"}
)

// Sizes of the invented name pools, and how many invented words the rare
// tail of the vocabulary can draw from.
const (
	genSurnames  = 4000
	genCountries = 150
	genCities    = 900
	genTreaties  = 1500
	genOrgs      = 400
	genTail      = 110_000
)

// generator writes one synthetic corpus.
type generator struct {
	r        *rand.Rand
	words    []string // the vocabulary, most frequent first
	zipf     *rand.Zipf
	surnames []string
	country  []string
	city     []string
	treaty   []string
	org      []string
	// Zipf draws over the name pools: a few names are in the news all the
	// time, most only now and then.
	zSurname, zCountry, zCity, zTreaty, zOrg *rand.Zipf
	questions                                []GeneratedQuestion
	sentences                                int
	due                                      bool // the next sentence that can be asked about is
	asked                                    bool // a question about the sentence being written was kept
}

func newGenerator(seed int64) *generator {
	r := rand.New(rand.NewPCG(uint64(seed), 0x7265617479626f74))
	g := &generator{r: r}
	seen := map[string]bool{}
	for _, w := range commonWords {
		seen[w] = true
	}
	invent := func(minSyl, maxSyl int, ends bool) string {
		for {
			var b strings.Builder
			for s := minSyl + r.IntN(maxSyl-minSyl+1); s > 0; s-- {
				b.WriteString(genOnsets[r.IntN(len(genOnsets))])
				b.WriteString(genVowels[r.IntN(len(genVowels))])
				b.WriteString(genCodas[r.IntN(len(genCodas))])
			}
			if ends {
				b.WriteString(genEnds[r.IntN(len(genEnds))])
			}
			if w := b.String(); len(w) >= 5 && !seen[w] {
				seen[w] = true
				return w
			}
		}
	}
	g.words = append(g.words, commonWords...)
	for len(g.words) < len(commonWords)+genTail {
		g.words = append(g.words, invent(1, 3, true))
	}
	name := func(k int) []string {
		out := make([]string, k)
		for i := range out {
			out[i] = titleCase(invent(2, 2, false))
		}
		return out
	}
	g.surnames = name(genSurnames)
	g.country = name(genCountries)
	g.city = name(genCities)
	g.treaty = name(genTreaties)
	for i, t := range g.treaty {
		g.treaty[i] = t + " " + genKinds[r.IntN(len(genKinds))]
	}
	g.org = name(genOrgs)
	for i, o := range g.org {
		g.org[i] = o + " " + genOrgKinds[r.IntN(len(genOrgKinds))]
	}
	// Zipf–Mandelbrot with constants near those fitted to English text
	// (s a little above 1, v about 2.7); the name pools fall off faster.
	g.zipf = rand.NewZipf(r, 1.1, 2.7, uint64(len(g.words)-1))
	g.zSurname = rand.NewZipf(r, 1.1, 20, genSurnames-1)
	g.zCountry = rand.NewZipf(r, 1.2, 5, genCountries-1)
	g.zCity = rand.NewZipf(r, 1.1, 10, genCities-1)
	g.zTreaty = rand.NewZipf(r, 1.1, 10, genTreaties-1)
	g.zOrg = rand.NewZipf(r, 1.1, 10, genOrgs-1)
	return g
}

func (g *generator) pick(list []string) string { return list[g.r.IntN(len(list))] }
func (g *generator) person() string            { return g.pick(genFirst) + " " + g.surnames[g.zSurname.Uint64()] }
func (g *generator) countryName() string       { return g.country[g.zCountry.Uint64()] }
func (g *generator) cityName() string          { return g.city[g.zCity.Uint64()] }
func (g *generator) treatyName() string        { return g.treaty[g.zTreaty.Uint64()] }
func (g *generator) orgName() string           { return g.org[g.zOrg.Uint64()] }
func (g *generator) chance(percent int) bool   { return g.r.IntN(100) < percent }
func (g *generator) between(lo, hi int) int    { return lo + g.r.IntN(hi-lo+1) }
func (g *generator) otherCountry(c string) string {
	for {
		if o := g.countryName(); o != c {
			return o
		}
	}
}

// filler returns k words of running text drawn from the Zipf vocabulary.
func (g *generator) filler(k int) string {
	ws := make([]string, k)
	for i := range ws {
		ws[i] = g.words[g.zipf.Uint64()]
	}
	return strings.Join(ws, " ")
}

func (g *generator) day() time.Time {
	return time.Date(1960+g.r.IntN(64), time.January, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, g.r.IntN(365))
}

func (g *generator) num() string {
	v := 10 + g.r.IntN(9990)
	if v >= 1000 {
		return fmt.Sprintf("%d,%03d", v/1000, v%1000)
	}
	return fmt.Sprint(v)
}

// ask keeps a question about one sentence in questionEvery, choosing
// among the phrasings given, and writes it the way people type: sometimes
// all in lower case, sometimes without the question mark.
func (g *generator) ask(phrasings ...string) {
	if !g.due {
		return
	}
	g.due = false
	q := g.pick(phrasings)
	if g.chance(40) {
		q = strings.ToLower(q)
	}
	if g.chance(30) {
		q = strings.TrimSuffix(q, "?")
	}
	g.questions = append(g.questions, GeneratedQuestion{Q: q})
	g.asked = true
}

// sentence writes one sentence of a report published on pub, and now and
// then a question that it answers.
func (g *generator) sentence(pub time.Time) string {
	g.asked = false
	s := g.write(pub)
	if g.asked {
		g.questions[len(g.questions)-1].Sentence = s
	}
	return s
}

func (g *generator) write(pub time.Time) string {
	g.sentences++
	if g.sentences%questionEvery == 1 {
		g.due = true
	}
	t := g.day()
	c1 := g.countryName()
	c2 := g.otherCountry(c1)
	switch g.r.IntN(14) {
	case 0:
		p, title := g.person(), g.pick(genTitles)
		g.ask("Who is "+p+"?", "what is "+p+"'s job", "What did "+p+" say on "+pub.Weekday().String()+"?")
		return fmt.Sprintf("%s, the %s of %s, said on %s that %s.", p, title, c1, pub.Weekday(), g.filler(g.between(6, 14)))
	case 1:
		tr, city := g.treatyName(), g.cityName()
		g.ask("When was the "+tr+" signed?", "where was the "+tr+" signed", tr+" signing date?", "Who signed the "+tr+"?")
		return fmt.Sprintf("The %s was signed in %s on %s by %s and %s.", tr, city, t.Format("January 2, 2006"), c1, c2)
	case 2:
		w := g.pick(genWeapons)
		g.ask("How many "+w+" did "+c1+" agree to cut?", "how many "+w+" will "+c1+" cut by "+fmt.Sprint(t.Year())+"?")
		return fmt.Sprintf("%s agreed to cut %s %s by %d, %s.", c1, g.num(), w, t.Year(), g.filler(g.between(4, 10)))
	case 3:
		city := g.cityName()
		g.ask("Where did talks between "+c1+" and "+c2+" resume?", "when did "+c1+" and "+c2+" go back to talks in "+city+"?")
		return fmt.Sprintf("Talks between %s and %s on %s resumed in %s after %d months.", c1, c2, g.filler(g.between(2, 5)), city, 2+g.r.IntN(30))
	case 4:
		p, adj := g.person(), g.pick(genAdjs)
		g.ask("How did "+p+" describe the move?", "what did "+p+" call the move by "+c1+"?")
		return fmt.Sprintf("%s, an adviser to the %s, called the move by %s %s in an interview with the %s.", p, g.orgName(), c1, adj, g.pick(genOutlets))
	case 5:
		w, city := g.pick(genWeapons), g.cityName()
		g.ask("How many "+w+" did inspectors count near "+city+"?", "number of "+w+" near "+city+"?")
		return fmt.Sprintf("Inspectors from the %s counted %s %s near %s in %s.", g.orgName(), g.num(), w, city, t.Format("January 2006"))
	case 6:
		p, city := g.person(), g.cityName()
		g.ask("Where did "+p+" speak to reporters?", "what did "+p+" tell reporters in "+city+"?")
		return fmt.Sprintf("\"%s,\" %s told reporters in %s.", capitalize(g.filler(g.between(6, 12))), p, city)
	case 7:
		tr := g.treatyName()
		g.ask("When did the "+tr+" enter into force?", "when did the "+tr+" take effect", "how long did talks on the "+tr+" last?")
		return fmt.Sprintf("The %s entered into force on %s, after %d years of talks.", tr, t.Format("2 January 2006"), 2+g.r.IntN(15))
	case 8:
		tr, w := g.treatyName(), g.pick(genWeapons)
		lo := 100 * (1 + g.r.IntN(10))
		g.ask("How many "+w+" may each side keep under the "+tr+"?", "what range limits does the "+tr+" set for "+w+"?")
		return fmt.Sprintf("Under the %s, each side may keep up to %d %s with ranges of %d to %s kilometers.", tr, 10+g.r.IntN(500), w, lo, g.num())
	case 9:
		tr := g.treatyName()
		g.ask("Why did "+c1+" withdraw from the "+tr+"?", "when did "+c1+" pull out of the "+tr+"?", c1+" quit "+tr+" year?")
		return fmt.Sprintf("%s withdrew from the %s in %d, citing %s.", c1, tr, t.Year(), g.filler(g.between(3, 7)))
	case 10:
		g.ask("Who criticized "+c2+"?", "why did "+c1+" criticize "+c2+"?")
		return fmt.Sprintf("%s criticized %s for %s, and %s came out in support.", c1, c2, g.filler(g.between(3, 8)), g.otherCountry(c1))
	case 11:
		org := g.orgName()
		g.ask("How many people did the "+org+" say were displaced?", "according to the "+org+", how many people were displaced in "+t.Format("January 2006")+"?")
		return fmt.Sprintf("The %s estimated that %s people were displaced in %s, %s.", org, g.num(), t.Format("January 2006"), g.filler(g.between(3, 8)))
	}
	// background: running text that mentions a name or two
	return fmt.Sprintf("%s %s %s in %s.", capitalize(g.filler(g.between(4, 9))), c1, g.filler(g.between(4, 12)), g.cityName())
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func generate(n int, seed int64) (fs.FS, []GeneratedQuestion) {
	g := newGenerator(seed)
	files := fstest.MapFS{}
	count := 0
	for a := 0; count < n; a++ {
		if a%10 == 9 {
			var b strings.Builder
			treaty := g.treatyName()
			fmt.Fprintf(&b, "subject: %s\nfacts:\n", treaty)
			for f := 0; f < 10 && count < n; f++ {
				t := g.day()
				fmt.Fprintf(&b, "  - text: %q\n    date: %s\n    source: %s\n",
					fmt.Sprintf("The %s was amended on %s to allow %s more %s.", treaty, t.Format("January 2, 2006"), g.num(), g.pick(genWeapons)),
					t.Format("2006-01-02"), g.pick(genOutlets))
				count++
			}
			files[fmt.Sprintf("facts/sheet-%05d.yaml", a)] = &fstest.MapFile{Data: []byte(b.String())}
			continue
		}
		pub := g.day()
		var b strings.Builder
		fmt.Fprintf(&b, "---\nsource: %s\npublished: %s\n---\n# %s and %s discuss the %s\n",
			g.pick(genOutlets), pub.Format("2006-01-02"), g.countryName(), g.countryName(), g.treatyName())
		count++
		for p := 0; p < 4 && count < n; p++ {
			b.WriteString("\n")
			if p == 0 {
				fmt.Fprintf(&b, "%s, %s (%s) — ", strings.ToUpper(g.cityName()), pub.Format("January 2"), g.pick(genWireCodes))
			}
			for s := 0; s < 5 && count < n; s++ {
				if s > 0 {
					b.WriteString(" ")
				}
				b.WriteString(g.sentence(pub))
				count++
			}
			b.WriteString("\n")
		}
		files[fmt.Sprintf("news/%03d/article-%05d.md", a/100, a)] = &fstest.MapFile{Data: []byte(b.String())}
	}
	return files, g.questions
}
