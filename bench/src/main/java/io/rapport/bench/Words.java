package io.rapport.bench;

import java.text.Normalizer;
import java.util.Locale;

/** The fixed vocabularies the data generator draws from. Changing any list changes the data set: bump the generator version. */
final class Words {

	private Words() {
	}

	static final String[] FIRST_NAMES = { "James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda",
			"William", "Elizabeth", "David", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah",
			"Charles", "Karen", "Christopher", "Nancy", "Daniel", "Lisa", "Matthew", "Betty", "Anthony", "Margaret",
			"Mark", "Sandra", "Donald", "Ashley", "Steven", "Kimberly", "Paul", "Emily", "Andrew", "Donna", "Joshua",
			"Michelle", "Kenneth", "Dorothy", "Kevin", "Carol", "Brian", "Amanda", "George", "Melissa", "Edward",
			"Deborah", "Lukas", "Anna", "Jonas", "Lena", "Felix", "Hannah", "Maximilian", "Lea", "Paul", "Marie",
			"Jürgen", "Sabine", "Stefan", "Ursula", "Matthias", "Katharina", "Jean", "Camille", "Pierre", "Chloé",
			"Louis", "Léa", "Hugo", "Manon", "Antoine", "Élodie", "José", "María", "Javier", "Lucía", "Carlos",
			"Sofía", "Alejandro", "Paula", "Giuseppe", "Giulia", "Marco", "Francesca", "Luca", "Chiara", "Lars", "Ingrid",
			"Sven", "Astrid", "Erik", "Freja", "Piotr", "Agnieszka", "Tomasz", "Katarzyna", "João", "Inês", "Pedro",
			"Beatriz", "Hiroshi", "Yuki", "Kenji", "Aiko", "Wei", "Mei", "Arjun", "Priya", "Rahul", "Ananya", "Olumide",
			"Amara", "Kwame", "Zainab", "Liam", "Olivia", "Noah", "Emma", "Oliver", "Ava", "Elijah", "Sophia", "Mateo",
			"Isabella", "Daan", "Sanne", "Bram", "Fleur", "Mikko", "Aino", "Dmitri", "Olga", "Niamh", "Seán" };

	static final String[] LAST_NAMES = { "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis",
			"Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor",
			"Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez",
			"Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill",
			"Flores", "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts",
			"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
			"Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Martin", "Bernard", "Dubois", "Thomas", "Robert",
			"Richard", "Petit", "Durand", "Leroy", "Moreau", "Lefèvre", "Fontaine", "García", "Fernández", "González",
			"Rodríguez", "López", "Martínez", "Sánchez", "Pérez", "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi",
			"Romano", "Colombo", "Ricci", "Johansson", "Andersson", "Karlsson", "Nilsson", "Eriksson", "Larsen",
			"Hansen", "Nielsen", "Jensen", "Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Silva", "Santos", "Ferreira",
			"Pereira", "Costa", "Oliveira", "Tanaka", "Suzuki", "Takahashi", "Watanabe", "Wang", "Li", "Zhang", "Chen",
			"Liu", "Sharma", "Patel", "Singh", "Kumar", "Gupta", "Okafor", "Adeyemi", "Mensah", "Osei", "de Vries",
			"Jansen", "van den Berg", "Bakker", "Visser", "Korhonen", "Virtanen", "Ivanov", "Smirnov", "Murphy",
			"O'Brien", "Kelly", "Byrne", "Walsh", "Novak", "Horvat", "Kovačić", "Papadopoulos", "Yilmaz", "Kaya" };

	static final String[] JOB_TITLES = { "Account Manager", "Purchasing Manager", "Chief Executive Officer",
			"Chief Financial Officer", "Chief Technology Officer", "Head of Procurement", "Sales Director",
			"Marketing Manager", "Office Manager", "IT Manager", "Operations Manager", "Project Manager",
			"Software Engineer", "Financial Controller", "HR Business Partner", "Logistics Coordinator",
			"Customer Service Lead", "Product Owner", "Buyer", "Senior Buyer", "Managing Director", "Plant Manager",
			"Quality Engineer", "Business Analyst", "Executive Assistant", "Legal Counsel", "Facilities Manager",
			"Regional Sales Manager", "Category Manager", "Supply Chain Analyst", "Data Protection Officer",
			"Head of Marketing", "Partner", "Consultant", "Accountant", "Store Manager", "Research Scientist",
			"Procurement Specialist", "Key Account Manager", "Vice President of Sales" };

	static final String[] DEPARTMENTS = { "Sales", "Purchasing", "Finance", "IT", "Marketing", "Operations",
			"Human Resources", "Legal", "Logistics", "Executive", "Research", "Customer Service" };

	/** city, country, dialling code, postal code digits, top-level domain, legal form. */
	static final String[][] PLACES = { { "New York", "United States", "1", "5", "com", "Inc." },
			{ "Chicago", "United States", "1", "5", "com", "LLC" }, { "San Francisco", "United States", "1", "5", "com", "Inc." },
			{ "Austin", "United States", "1", "5", "com", "LLC" }, { "Boston", "United States", "1", "5", "com", "Inc." },
			{ "Seattle", "United States", "1", "5", "com", "Corp." }, { "Atlanta", "United States", "1", "5", "com", "Inc." },
			{ "Toronto", "Canada", "1", "6", "ca", "Ltd." }, { "Vancouver", "Canada", "1", "6", "ca", "Inc." },
			{ "Montréal", "Canada", "1", "6", "ca", "Inc." }, { "London", "United Kingdom", "44", "6", "co.uk", "Ltd" },
			{ "Manchester", "United Kingdom", "44", "6", "co.uk", "Ltd" }, { "Edinburgh", "United Kingdom", "44", "6", "co.uk", "plc" },
			{ "Dublin", "Ireland", "353", "7", "ie", "Ltd" }, { "Berlin", "Germany", "49", "5", "de", "GmbH" },
			{ "München", "Germany", "49", "5", "de", "GmbH" }, { "Hamburg", "Germany", "49", "5", "de", "AG" },
			{ "Köln", "Germany", "49", "5", "de", "GmbH" }, { "Frankfurt am Main", "Germany", "49", "5", "de", "AG" },
			{ "Wien", "Austria", "43", "4", "at", "GmbH" }, { "Zürich", "Switzerland", "41", "4", "ch", "AG" },
			{ "Genève", "Switzerland", "41", "4", "ch", "SA" }, { "Paris", "France", "33", "5", "fr", "SAS" },
			{ "Lyon", "France", "33", "5", "fr", "SA" }, { "Marseille", "France", "33", "5", "fr", "SARL" },
			{ "Toulouse", "France", "33", "5", "fr", "SAS" }, { "Madrid", "Spain", "34", "5", "es", "S.L." },
			{ "Barcelona", "Spain", "34", "5", "es", "S.A." }, { "Valencia", "Spain", "34", "5", "es", "S.L." },
			{ "Lisboa", "Portugal", "351", "7", "pt", "Lda." }, { "Porto", "Portugal", "351", "7", "pt", "S.A." },
			{ "Milano", "Italy", "39", "5", "it", "S.p.A." }, { "Roma", "Italy", "39", "5", "it", "S.r.l." },
			{ "Torino", "Italy", "39", "5", "it", "S.r.l." }, { "Amsterdam", "Netherlands", "31", "6", "nl", "B.V." },
			{ "Rotterdam", "Netherlands", "31", "6", "nl", "N.V." }, { "Bruxelles", "Belgium", "32", "4", "be", "SA" },
			{ "Antwerpen", "Belgium", "32", "4", "be", "NV" }, { "Stockholm", "Sweden", "46", "5", "se", "AB" },
			{ "Göteborg", "Sweden", "46", "5", "se", "AB" }, { "Oslo", "Norway", "47", "4", "no", "AS" },
			{ "København", "Denmark", "45", "4", "dk", "A/S" }, { "Helsinki", "Finland", "358", "5", "fi", "Oy" },
			{ "Warszawa", "Poland", "48", "5", "pl", "Sp. z o.o." }, { "Kraków", "Poland", "48", "5", "pl", "S.A." },
			{ "Praha", "Czechia", "420", "5", "cz", "s.r.o." }, { "Budapest", "Hungary", "36", "4", "hu", "Kft." },
			{ "Athína", "Greece", "30", "5", "gr", "S.A." }, { "İstanbul", "Türkiye", "90", "5", "com.tr", "A.Ş." },
			{ "Tokyo", "Japan", "81", "7", "jp", "K.K." }, { "Osaka", "Japan", "81", "7", "jp", "K.K." },
			{ "Singapore", "Singapore", "65", "6", "sg", "Pte. Ltd." }, { "Sydney", "Australia", "61", "4", "com.au", "Pty Ltd" },
			{ "Melbourne", "Australia", "61", "4", "com.au", "Pty Ltd" }, { "Auckland", "New Zealand", "64", "4", "co.nz", "Ltd" },
			{ "Mumbai", "India", "91", "6", "in", "Pvt. Ltd." }, { "Bengaluru", "India", "91", "6", "in", "Pvt. Ltd." },
			{ "São Paulo", "Brazil", "55", "8", "com.br", "Ltda." }, { "Ciudad de México", "Mexico", "52", "5", "com.mx", "S.A. de C.V." },
			{ "Buenos Aires", "Argentina", "54", "4", "com.ar", "S.A." }, { "Johannesburg", "South Africa", "27", "4", "co.za", "(Pty) Ltd" },
			{ "Lagos", "Nigeria", "234", "6", "ng", "Ltd" }, { "Nairobi", "Kenya", "254", "5", "co.ke", "Ltd" } };

	static final String[] COMPANY_PREFIXES = { "North", "South", "East", "West", "Blue", "Green", "Silver", "Golden",
			"Red", "Bright", "Clear", "Swift", "Prime", "Alpine", "Coastal", "Summit", "River", "Lake", "Stone", "Oak",
			"Cedar", "Maple", "Iron", "Crystal", "Sun", "Star", "Nova", "Apex", "Pioneer", "Harbor", "Atlas", "Vertex",
			"Orbit", "Quantum", "Fusion", "Pacific", "Atlantic", "Nordic", "Urban", "Royal" };

	static final String[] COMPANY_CORES = { "wind", "field", "bridge", "gate", "point", "line", "way", "works", "tech",
			"soft", "logic", "data", "net", "star", "wave", "path", "forge", "craft", "stream", "peak", "view", "port",
			"mark", "ridge", "wood", "light", "core", "link", "smith", "well" };

	static final String[] COMPANY_TRADES = { "Logistics", "Software", "Consulting", "Manufacturing", "Foods", "Energy",
			"Systems", "Solutions", "Trading", "Engineering", "Pharma", "Retail", "Holdings", "Partners", "Industries",
			"Media", "Capital", "Design", "Textiles", "Motors", "Labs", "Construction", "Insurance", "Health", "Telecom" };

	static final String[] STREETS = { "Main Street", "High Street", "Station Road", "Park Avenue", "Market Square",
			"Church Lane", "Mill Road", "King Street", "Queen Street", "Harbour View", "Hauptstraße", "Bahnhofstraße",
			"Rue de la Paix", "Avenue Victor Hugo", "Calle Mayor", "Gran Vía", "Via Roma", "Corso Italia", "Kerkstraat",
			"Storgatan", "Nowy Świat", "Rua Augusta", "Industrial Way", "Commerce Drive", "Riverside", "Oak Lane",
			"Elm Street", "Broadway", "Sunset Boulevard", "Technology Park" };

	static final String[] CALL_SUBJECTS = { "Follow-up call", "Discuss renewal", "Introductory call", "Quote questions",
			"Support escalation", "Check on delivery", "Schedule a demo", "Budget review", "Reference call", "Onboarding check-in" };

	static final String[] TASK_SUBJECTS = { "Send proposal", "Prepare quote", "Update contract", "Review account plan",
			"Book meeting room", "Send brochure", "Check credit limit", "Plan quarterly review", "Collect requirements",
			"Send thank-you note" };

	static final String[] FREE_MAIL = { "gmail.com", "outlook.com", "yahoo.com", "icloud.com", "proton.me", "gmx.de",
			"web.de", "orange.fr", "libero.it" };

	static final String[] FIRST_ASCII = ascii(FIRST_NAMES);
	static final String[] LAST_ASCII = ascii(LAST_NAMES);

	private static String[] ascii(String[] names) {
		String[] out = new String[names.length];
		for (int i = 0; i < names.length; i++) {
			out[i] = asciiLower(names[i]);
		}
		return out;
	}

	/** "Wiśniewski" → "wisniewski", "O'Brien" → "obrien", "van den Berg" → "vandenberg". */
	static String asciiLower(String s) {
		String decomposed = Normalizer.normalize(s, Normalizer.Form.NFD).replace("ł", "l").replace("Ł", "L");
		StringBuilder b = new StringBuilder(decomposed.length());
		for (char c : decomposed.toLowerCase(Locale.ROOT).toCharArray()) {
			if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
				b.append(c);
			} else if (c == 'ı') {
				b.append('i');
			}
		}
		return b.toString();
	}
}
