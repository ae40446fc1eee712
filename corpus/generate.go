package corpus

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"strings"
	"testing/fstest"
	"time"
)

// Word lists for GenerateCorpus. The treaties and people are invented.
var (
	genFirst     = []string{"Anna", "Boris", "Carla", "David", "Elena", "Farid", "Grace", "Hiro", "Irina", "James", "Kofi", "Lena", "Marco", "Nadia", "Oleg", "Priya", "Quentin", "Rosa", "Stefan", "Tomas"}
	genLast      = []string{"Abbott", "Brandt", "Castillo", "Dumas", "Eriksen", "Fischer", "Garcia", "Hoffman", "Ivanova", "Jensen", "Kowalski", "Larsen", "Moreau", "Novak", "Okafor", "Petrov", "Quinn", "Rossi", "Sato", "Tanaka"}
	genCountries = []string{"Norland", "Estavia", "Carpathia", "Veloria", "Ostrava", "Meridia", "Kalvania", "Tarsis", "Brennmark", "Solvara", "Azuria", "Dravenia"}
	genCities    = []string{"Geneva", "Vienna", "Helsinki", "Reykjavik", "Oslo", "Lisbon", "Valletta", "Tallinn", "Ljubljana", "Bern", "Dublin", "Prague"}
	genTreaties  = []string{"Arctic Missile Accord", "Baltic Launcher Treaty", "Coastal Defense Pact", "Drone Limitation Treaty", "Orbital Weapons Convention", "Border Artillery Agreement", "Submarine Patrol Treaty", "Nuclear Testing Moratorium", "Chemical Stockpile Accord", "Airspace Monitoring Treaty"}
	genWeapons   = []string{"launchers", "warheads", "cruise missiles", "artillery pieces", "patrol drones", "submarines", "bombers", "rocket systems"}
	genAdjs      = []string{"reckless", "long overdue", "a step forward", "dangerous", "premature", "a breakthrough", "disappointing", "unacceptable"}
	genReasons   = []string{"repeated violations", "new missile tests", "a lack of inspections", "changed security needs", "secret deployments", "budget pressures"}
	genSources   = []string{"Northern Herald", "Meridian Wire", "Global Press Service", "Arms Review", "Capital Daily"}
)

// GenerateCorpus returns a deterministic synthetic corpus of about n
// passages for benchmarks: articles of varied sentences with names, places,
// dates and numbers, and one fact sheet for every ten articles. The same n
// and seed always give the same files.
func GenerateCorpus(n int, seed int64) fs.FS {
	r := rand.New(rand.NewPCG(uint64(seed), 0x7265617479626f74))
	pick := func(list []string) string { return list[r.IntN(len(list))] }
	person := func() string { return pick(genFirst) + " " + pick(genLast) }
	day := func() time.Time {
		return time.Date(1960+r.IntN(60), time.January, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(365))
	}
	num := func() string {
		v := 10 + r.IntN(9990)
		if v >= 1000 {
			return fmt.Sprintf("%d,%03d", v/1000, v%1000)
		}
		return fmt.Sprint(v)
	}
	sentence := func(pub time.Time) string {
		t, i := day(), r.IntN(len(genCountries))
		c1, c2 := genCountries[i], genCountries[(i+1+r.IntN(len(genCountries)-1))%len(genCountries)]
		switch r.IntN(12) {
		case 0:
			return fmt.Sprintf("%s of %s said on %s that the %s would be reviewed.", person(), c1, pub.Weekday(), pick(genTreaties))
		case 1:
			return fmt.Sprintf("The %s was signed in %s on %s.", pick(genTreaties), pick(genCities), t.Format("January 2, 2006"))
		case 2:
			return fmt.Sprintf("%s agreed to cut %s %s by %d.", c1, num(), pick(genWeapons), 1990+r.IntN(40))
		case 3:
			return fmt.Sprintf("Talks between %s and %s resumed in %s after %d months.", c1, c2, pick(genCities), 2+r.IntN(30))
		case 4:
			return fmt.Sprintf("%s, the foreign minister of %s, called the move %s.", person(), c1, pick(genAdjs))
		case 5:
			return fmt.Sprintf("Inspectors counted %s %s near %s in %s.", num(), pick(genWeapons), pick(genCities), t.Format("January 2006"))
		case 6:
			return fmt.Sprintf("\"We will not accept this. Our position is clear,\" %s told reporters in %s.", person(), pick(genCities))
		case 7:
			return fmt.Sprintf("The %s entered into force on %s, after %d years of talks.", pick(genTreaties), t.Format("2 January 2006"), 2+r.IntN(15))
		case 8:
			lo := 100 * (1 + r.IntN(10))
			return fmt.Sprintf("Under the %s, each side may keep up to %d %s with ranges of %d-%s kilometers.", pick(genTreaties), 10+r.IntN(500), pick(genWeapons), lo, num())
		case 9:
			return fmt.Sprintf("%s withdrew from the %s in %d, citing %s.", c1, pick(genTreaties), t.Year(), pick(genReasons))
		case 10:
			return fmt.Sprintf("%s criticized %s for %s, and %s came out in support.", c1, c2, pick(genReasons), pick(genCountries))
		}
		return fmt.Sprintf("Officials in %s expect a decision on the %s by %s.", pick(genCities), pick(genTreaties), t.Format("January 2006"))
	}

	files := fstest.MapFS{}
	count := 0
	for a := 0; count < n; a++ {
		if a%10 == 9 {
			var b strings.Builder
			treaty := pick(genTreaties)
			fmt.Fprintf(&b, "subject: %s\nfacts:\n", treaty)
			for f := 0; f < 10 && count < n; f++ {
				t := day()
				fmt.Fprintf(&b, "  - text: %q\n    date: %s\n    source: %s\n",
					fmt.Sprintf("The %s was amended on %s to allow %s more %s.", treaty, t.Format("January 2, 2006"), num(), pick(genWeapons)),
					t.Format("2006-01-02"), pick(genSources))
				count++
			}
			files[fmt.Sprintf("facts/sheet-%05d.yaml", a)] = &fstest.MapFile{Data: []byte(b.String())}
			continue
		}
		pub := day()
		var b strings.Builder
		fmt.Fprintf(&b, "---\nsource: %s\npublished: %s\n---\n# %s and %s discuss the %s\n",
			pick(genSources), pub.Format("2006-01-02"), pick(genCountries), pick(genCountries), pick(genTreaties))
		count++
		for p := 0; p < 4 && count < n; p++ {
			b.WriteString("\n")
			if p == 0 {
				fmt.Fprintf(&b, "%s, %s (AP) — ", strings.ToUpper(pick(genCities)), pub.Format("January 2"))
			}
			for s := 0; s < 5 && count < n; s++ {
				if s > 0 {
					b.WriteString(" ")
				}
				b.WriteString(sentence(pub))
				count++
			}
			b.WriteString("\n")
		}
		files[fmt.Sprintf("news/%03d/article-%05d.md", a/100, a)] = &fstest.MapFile{Data: []byte(b.String())}
	}
	return files
}
