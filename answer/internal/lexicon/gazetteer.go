package lexicon

import "strings"

// setOfList makes a set of the comma-separated, possibly multi-word, names in s.
func setOfList(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Split(s, ",") {
		if w = strings.Join(strings.Fields(w), " "); w != "" {
			m[w] = true
		}
	}
	return m
}

// Nation is one gazetteer entry: a country with its demonym and capital.
type Nation struct{ Names, Demonym, Capital string }

// Countries lists countries, their demonyms and capitals. Aliases are
// separated by "/".
var Countries = []Nation{
	{"United States/US/U.S./USA/U.S.A./America/United States of America", "American", "Washington"},
	{"Russia/Russian Federation", "Russian", "Moscow"},
	{"Soviet Union/USSR/U.S.S.R./Union of Soviet Socialist Republics", "Soviet", "Moscow"},
	{"China/People's Republic of China/PRC", "Chinese", "Beijing"},
	{"United Kingdom/UK/U.K./Britain/Great Britain", "British", "London"},
	{"France", "French", "Paris"}, {"Germany", "German", "Berlin"}, {"Japan", "Japanese", "Tokyo"},
	{"India", "Indian", "New Delhi"}, {"Pakistan", "Pakistani", "Islamabad"}, {"Iran", "Iranian", "Tehran"},
	{"Iraq", "Iraqi", "Baghdad"}, {"Israel", "Israeli", "Jerusalem"}, {"Syria", "Syrian", "Damascus"},
	{"Turkey/Türkiye", "Turkish", "Ankara"}, {"Ukraine", "Ukrainian", "Kyiv/Kiev"}, {"Belarus", "Belarusian", "Minsk"},
	{"Kazakhstan", "Kazakh", "Astana"}, {"Poland", "Polish", "Warsaw"}, {"Italy", "Italian", "Rome"},
	{"Spain", "Spanish", "Madrid"}, {"Netherlands/Holland", "Dutch", "Amsterdam"}, {"Belgium", "Belgian", "Brussels"},
	{"Switzerland", "Swiss", "Bern"}, {"Austria", "Austrian", "Vienna"}, {"Sweden", "Swedish", "Stockholm"},
	{"Norway", "Norwegian", "Oslo"}, {"Finland", "Finnish", "Helsinki"}, {"Denmark", "Danish", "Copenhagen"},
	{"Czech Republic/Czechia/Czechoslovakia", "Czech", "Prague"}, {"Hungary", "Hungarian", "Budapest"},
	{"Romania", "Romanian", "Bucharest"}, {"Bulgaria", "Bulgarian", "Sofia"}, {"Greece", "Greek", "Athens"},
	{"Portugal", "Portuguese", "Lisbon"}, {"Ireland", "Irish", "Dublin"}, {"Canada", "Canadian", "Ottawa"},
	{"Mexico", "Mexican", "Mexico City"}, {"Brazil", "Brazilian", "Brasilia"}, {"Argentina", "Argentine", "Buenos Aires"},
	{"Chile", "Chilean", "Santiago"}, {"Cuba", "Cuban", "Havana"}, {"Venezuela", "Venezuelan", "Caracas"},
	{"Colombia", "Colombian", "Bogota"}, {"Peru", "Peruvian", "Lima"}, {"Australia", "Australian", "Canberra"},
	{"New Zealand", "New Zealander", "Wellington"}, {"South Africa", "South African", "Pretoria"},
	{"Egypt", "Egyptian", "Cairo"}, {"Saudi Arabia", "Saudi", "Riyadh"}, {"North Korea/DPRK", "North Korean", "Pyongyang"},
	{"South Korea/Republic of Korea", "South Korean", "Seoul"}, {"Korea", "Korean", "Seoul"},
	{"Vietnam", "Vietnamese", "Hanoi"}, {"Indonesia", "Indonesian", "Jakarta"}, {"Afghanistan", "Afghan", "Kabul"},
	{"Libya", "Libyan", "Tripoli"}, {"Algeria", "Algerian", "Algiers"}, {"Morocco", "Moroccan", "Rabat"},
	{"Nigeria", "Nigerian", "Abuja"}, {"Kenya", "Kenyan", "Nairobi"}, {"Ethiopia", "Ethiopian", "Addis Ababa"},
	{"Georgia", "Georgian", "Tbilisi"}, {"Armenia", "Armenian", "Yerevan"}, {"Azerbaijan", "Azerbaijani", "Baku"},
	{"Estonia", "Estonian", "Tallinn"}, {"Latvia", "Latvian", "Riga"}, {"Lithuania", "Lithuanian", "Vilnius"},
	{"Serbia/Yugoslavia", "Serbian", "Belgrade"}, {"Croatia", "Croatian", "Zagreb"}, {"Slovakia", "Slovak", "Bratislava"},
	{"Slovenia", "Slovenian", "Ljubljana"}, {"Moldova", "Moldovan", "Chisinau"}, {"Uzbekistan", "Uzbek", "Tashkent"},
	{"Turkmenistan", "Turkmen", "Ashgabat"}, {"Kyrgyzstan", "Kyrgyz", "Bishkek"}, {"Tajikistan", "Tajik", "Dushanbe"},
	{"Mongolia", "Mongolian", "Ulaanbaatar"}, {"Thailand", "Thai", "Bangkok"}, {"Philippines", "Filipino", "Manila"},
	{"Malaysia", "Malaysian", "Kuala Lumpur"}, {"Singapore", "Singaporean", "Singapore"}, {"Taiwan", "Taiwanese", "Taipei"},
	{"Qatar", "Qatari", "Doha"}, {"United Arab Emirates/UAE", "Emirati", "Abu Dhabi"}, {"Jordan", "Jordanian", "Amman"},
	{"Lebanon", "Lebanese", "Beirut"}, {"Yemen", "Yemeni", "Sanaa"}, {"Oman", "Omani", "Muscat"}, {"Kuwait", "Kuwaiti", "Kuwait City"},
	{"Bangladesh", "Bangladeshi", "Dhaka"}, {"Sri Lanka", "Sri Lankan", "Colombo"}, {"Iceland", "Icelandic", "Reykjavik"},
	{"Luxembourg", "Luxembourgish", "Luxembourg"}, {"Malta", "Maltese", "Valletta"}, {"Cyprus", "Cypriot", "Nicosia"},
	{"Albania", "Albanian", "Tirana"}, {"Bosnia", "Bosnian", "Sarajevo"}, {"Montenegro", "Montenegrin", "Podgorica"},
	{"North Macedonia/Macedonia", "Macedonian", "Skopje"}, {"Vatican", "Vatican", "Vatican City"}, {"Ghana", "Ghanaian", "Accra"},
	{"Sudan", "Sudanese", "Khartoum"}, {"South Sudan", "South Sudanese", "Juba"}, {"Tunisia", "Tunisian", "Tunis"}, {"Iraqi Kurdistan", "Kurdish", "Erbil"},
	{"Bhutan", "Bhutanese", "Thimphu"}, {"Nepal", "Nepali", "Kathmandu"}, {"Myanmar/Burma", "Burmese", "Naypyidaw"},
	{"Burkina Faso", "Burkinabe", "Ouagadougou"}, {"Mali", "Malian", "Bamako"}, {"Niger", "Nigerien", "Niamey"},
	{"Senegal", "Senegalese", "Dakar"}, {"Cameroon", "Cameroonian", "Yaounde"}, {"Angola", "Angolan", "Luanda"},
	{"Zimbabwe", "Zimbabwean", "Harare"}, {"Zambia", "Zambian", "Lusaka"}, {"Uganda", "Ugandan", "Kampala"},
	{"Tanzania", "Tanzanian", "Dodoma"}, {"Somalia", "Somali", "Mogadishu"}, {"Congo/Democratic Republic of the Congo", "Congolese", "Kinshasa"},
	{"Ecuador", "Ecuadorian", "Quito"}, {"Bolivia", "Bolivian", "Sucre"}, {"Paraguay", "Paraguayan", "Asuncion"},
	{"Uruguay", "Uruguayan", "Montevideo"}, {"Panama", "Panamanian", "Panama City"}, {"Costa Rica", "Costa Rican", "San Jose"},
	{"Guatemala", "Guatemalan", "Guatemala City"}, {"Honduras", "Honduran", "Tegucigalpa"}, {"Nicaragua", "Nicaraguan", "Managua"},
	{"El Salvador", "Salvadoran", "San Salvador"}, {"Jamaica", "Jamaican", "Kingston"}, {"Haiti", "Haitian", "Port-au-Prince"},
	{"Dominican Republic", "Dominican", "Santo Domingo"}, {"Cambodia", "Cambodian", "Phnom Penh"}, {"Laos", "Laotian", "Vientiane"},
	{"Brunei", "Bruneian", "Bandar Seri Begawan"}, {"Maldives", "Maldivian", "Male"}, {"Bahrain", "Bahraini", "Manama"},
	{"Liechtenstein", "Liechtensteiner", "Vaduz"}, {"Monaco", "Monegasque", "Monaco"},
	{"Andorra", "Andorran", "Andorra la Vella"}, {"San Marino", "Sammarinese", "San Marino"}, {"Fiji", "Fijian", "Suva"},
	{"Papua New Guinea", "Papua New Guinean", "Port Moresby"}, {"Marshall Islands", "Marshallese", "Majuro"},
	{"Eritrea", "Eritrean", "Asmara"}, {"Djibouti", "Djiboutian", "Djibouti"}, {"Chad", "Chadian", "N'Djamena"},
	{"Mauritania", "Mauritanian", "Nouakchott"}, {"Rwanda", "Rwandan", "Kigali"}, {"Namibia", "Namibian", "Windhoek"},
	{"Botswana", "Motswana", "Gaborone"}, {"Mozambique", "Mozambican", "Maputo"}, {"Madagascar", "Malagasy", "Antananarivo"},
	{"Ivory Coast/Cote d'Ivoire", "Ivorian", "Yamoussoukro"}, {"Gabon", "Gabonese", "Libreville"}, {"Benin", "Beninese", "Porto-Novo"},
	{"Togo", "Togolese", "Lome"}, {"Sierra Leone", "Sierra Leonean", "Freetown"}, {"Liberia", "Liberian", "Monrovia"},
	{"Guinea", "Guinean", "Conakry"}, {"Gambia", "Gambian", "Banjul"}, {"Belize", "Belizean", "Belmopan"},
	{"Guyana", "Guyanese", "Georgetown"}, {"Suriname", "Surinamese", "Paramaribo"}, {"Trinidad and Tobago", "Trinidadian", "Port of Spain"},
}

// usStates are the states of the United States, places a question may ask
// for ("What state did he represent?").
var usStates = setOfList(`alabama, alaska, arizona, arkansas, california, colorado, connecticut, delaware, florida,
hawaii, idaho, illinois, indiana, iowa, kansas, kentucky, louisiana, maine, maryland, massachusetts, michigan,
minnesota, mississippi, missouri, montana, nebraska, nevada, new hampshire, new jersey, new mexico, new york,
north carolina, north dakota, ohio, oklahoma, oregon, pennsylvania, rhode island, south carolina, south dakota,
tennessee, texas, utah, vermont, virginia, washington state, west virginia, wisconsin, wyoming`)

// cities are further places that are not capitals above: summit and treaty
// cities, datelines.
var cities = setOfList(`sochi, geneva, new york, reykjavik, st. petersburg, saint petersburg, vladivostok, yalta,
potsdam, camp david, the hague, hague, strasbourg, munich, hamburg, frankfurt, milan, naples, istanbul, novosibirsk,
murmansk, kaliningrad, sevastopol, crimea, los angeles, san francisco, chicago, boston, hong kong, shanghai, osaka,
hiroshima, nagasaki, semipalatinsk, nevada, new mexico, alaska, europe, asia, africa, siberia, arctic, antarctica,
baltic, balkans, caucasus, pacific, atlantic, middle east, kursk, tula, kazan, yekaterinburg, samara, omsk, davos,
salzburg, lausanne, montreux, vienna, new delhi, dubai, marrakech, bonn, west germany, east germany, helsinki`)

// PlaceKind says what kind of place a gazetteer name is.
type PlaceKind uint8

const (
	PlaceCountry PlaceKind = iota + 1 // Russia, the Soviet Union
	PlaceCapital                      // Washington, often standing for a government
	PlaceCity                         // Sochi; also states, regions and seas
	PlaceDemonym                      // Russian
)

// Gazetteer is the lookup built from countries and cities: lower-case name
// -> what kind of place it is.
var Gazetteer = buildGazetteer()

func buildGazetteer() map[string]PlaceKind {
	g := map[string]PlaceKind{}
	for _, p := range Countries {
		for _, n := range strings.Split(p.Names, "/") {
			g[strings.ToLower(n)] = PlaceCountry
		}
		for _, c := range strings.Split(p.Capital, "/") {
			if _, ok := g[strings.ToLower(c)]; !ok {
				g[strings.ToLower(c)] = PlaceCapital
			}
		}
		if _, ok := g[strings.ToLower(p.Demonym)]; !ok {
			g[strings.ToLower(p.Demonym)] = PlaceDemonym
		}
	}
	for _, set := range []map[string]bool{cities, usStates} {
		for c := range set {
			if _, ok := g[c]; !ok {
				g[c] = PlaceCity
			}
		}
	}
	return g
}

// MaxGazWords is the longest gazetteer name in words.
const MaxGazWords = 5
