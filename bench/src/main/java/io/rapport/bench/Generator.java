package io.rapport.bench;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The deterministic data set. Every row is a pure function of (seed, kind, index): the same scale always produces the
 * same rows, ids can be recomputed without reading the table, and rows can be generated in any order.
 */
final class Generator {

	/** Bump when anything below (or in {@link Words}) changes what is generated: stored data of another version is reloaded. */
	static final int VERSION = 3;

	static final long SEED = 20260401L;

	/** Timestamps fall in the two years before this instant (fixed, so the data does not depend on the day it is made). */
	static final long END_EPOCH = Instant.parse("2026-11-01T00:00:00Z").getEpochSecond();
	static final long TWO_YEARS = 2L * 365 * 24 * 3600;

	/** 5 regional units under the root, each with 9 units below it (the security issue's 50 business units). */
	static final int BUSINESS_UNITS = 50;
	static final int USERS = 500;
	/** Owner teams; the first {@link #TEAM_MEMBERS} users are members of team (user % TEAMS). */
	static final int TEAMS = 10;
	static final int TEAM_MEMBERS = 100;
	/** Direct shares with users and shares with teams, as the security issue's benchmark asks at 1M contacts. */
	static final int DIRECT_SHARES = 100_000;
	static final int TEAM_SHARES = 1_000;

	private static final long CONTACT = 1, ACCOUNT = 2, USER = 3, BUSINESS_UNIT = 4, TEAM = 5, SHARE = 6, PHONE_CALL = 7,
			TASK = 8, CONNECTION = 9;

	/** Tasks regarding each account; every contact has one phone call regarding it. */
	static final int TASKS_PER_ACCOUNT = 2;

	/** Every account has one connection with a contact (stored as two rows, one from each side). */
	static final String SYSTEM_COLUMNS = "createdon, createdby, modifiedon, modifiedby, ownerid, owneridtype,"
			+ " owningbusinessunit, statecode, statuscode, versionnumber";

	static final String CONTACT_COLUMNS = "contactid, fullname, firstname, lastname, jobtitle, department, emailaddress1,"
			+ " telephone1, address1_line1, address1_city, address1_postalcode, address1_country, parentcustomerid,"
			+ " parentcustomeridtype, annualincome, preferredcontactmethodcode, donotemail, donotphone, donotpostalmail,"
			+ " donotfax, donotbulkemail, createdon, createdby, modifiedon, modifiedby, ownerid, owneridtype,"
			+ " owningbusinessunit, statecode, statuscode, versionnumber";

	static final String ACCOUNT_COLUMNS = "accountid, name, accountnumber, telephone1, emailaddress1, websiteurl,"
			+ " industrycode, customertypecode, numberofemployees, revenue, address1_line1, address1_city,"
			+ " address1_postalcode, address1_country, preferredcontactmethodcode, donotemail, donotphone,"
			+ " donotpostalmail, donotfax, donotbulkemail, createdon, createdby, modifiedon, modifiedby, ownerid,"
			+ " owneridtype, owningbusinessunit, statecode, statuscode, versionnumber";

	private final int contacts;
	private final int accounts;

	Generator(int contacts) {
		this.contacts = contacts;
		this.accounts = Math.max(1, contacts / 5);
	}

	int contacts() {
		return contacts;
	}

	int accounts() {
		return accounts;
	}

	long phoneCalls() {
		return contacts;
	}

	long tasks() {
		return (long) accounts * TASKS_PER_ACCOUNT;
	}

	long connections() {
		return accounts;
	}

	// ------------------------------------------------------------------ ids

	static UUID contactId(long i) {
		return id(CONTACT, i);
	}

	static UUID accountId(long i) {
		return id(ACCOUNT, i);
	}

	static UUID userId(int i) {
		return id(USER, i);
	}

	static UUID businessUnitId(int i) {
		return id(BUSINESS_UNIT, i);
	}

	static UUID teamId(int i) {
		return id(TEAM, i);
	}

	static UUID shareId(long i) {
		return id(SHARE, i);
	}

	static UUID phoneCallId(long i) {
		return id(PHONE_CALL, i);
	}

	static UUID taskId(long i) {
		return id(TASK, i);
	}

	/** Connection {@code i} is two rows: {@code 2i} from the account's side, {@code 2i + 1} from the contact's. */
	static UUID connectionId(long row) {
		return id(CONNECTION, row);
	}

	/** The parent of business unit {@code i}: the root for the five regional units, else its region. */
	static int parentOf(int businessUnit) {
		return businessUnit < 5 ? -1 : businessUnit % 5;
	}

	/** The business unit of generated user {@code i}. */
	static int businessUnitOf(int user) {
		return user % BUSINESS_UNITS;
	}

	/** Direct shares scale with the data set: 100,000 at 1M contacts, a tenth of the contacts below that. */
	long directShares() {
		return Math.min(DIRECT_SHARES, contacts / 10);
	}

	long teamShares() {
		return Math.min(TEAM_SHARES, contacts / 1000 + 1);
	}

	static final String SHARE_COLUMNS = "principalobjectaccessid, objectid, objecttypecode, principalid, principaltypecode,"
			+ " accessrightsmask, inheritedaccessrightsmask, changedon";

	/** Share {@code k}: direct shares first (Read and Write for a user), then team shares (Read for an owner team). */
	void share(long k, CopyLine line) {
		boolean direct = k < directShares();
		long step = Math.max(1, contacts / Math.max(1, directShares()));
		long contact = direct ? (k * step) % contacts : ((k - directShares()) * 997 + 13) % contacts;
		UUID principal = direct ? userId((int) ((k * 7919) % USERS)) : teamId((int) (k % TEAMS));
		line.start()
			.value(shareId(k))
			.value(contactId(contact))
			.value("contact")
			.value(principal)
			.value(direct ? "systemuser" : "team")
			.value(direct ? 3 : 1)
			.value(0)
			.value(timestamp(END_EPOCH))
			.end();
	}

	/** A random-looking, version-4-shaped UUID that is a pure function of (kind, index). */
	static UUID id(long kind, long i) {
		long hi = mix(SEED * 31 + kind * 0x9E3779B97F4A7C15L + i);
		long lo = mix(hi ^ 0xD1B54A32D192ED03L ^ i);
		hi = (hi & ~0xF000L) | 0x4000L;
		lo = (lo & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(hi, lo);
	}

	private static long mix(long z) {
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return z ^ (z >>> 31);
	}

	private static SplittableRandom random(long kind, long i) {
		return new SplittableRandom(mix(SEED ^ mix(kind * 1_000_003L + i)));
	}

	// ------------------------------------------------------------------ users and business units

	static String businessUnitName(int i) {
		return new String[] { "Sales EMEA", "Sales Americas", "Sales APAC", "Customer Success" }[i % 4]
				+ (i >= 4 ? " " + (i / 4 + 1) : "");
	}

	static String[] userName(int i) {
		SplittableRandom r = random(USER, i);
		int f = r.nextInt(Words.FIRST_NAMES.length);
		int l = r.nextInt(Words.LAST_NAMES.length);
		return new String[] { Words.FIRST_NAMES[f], Words.LAST_NAMES[l],
				Words.FIRST_ASCII[f] + "." + Words.LAST_ASCII[l] + i + "@rapport.example" };
	}

	// ------------------------------------------------------------------ accounts

	/** The parts of account {@code i} that contacts reuse: name, domain, place. */
	record AccountCore(String name, String domain, String[] place) {
	}

	static AccountCore accountCore(long i) {
		SplittableRandom r = random(ACCOUNT, i);
		String[] place = Words.PLACES[r.nextInt(Words.PLACES.length)];
		String prefix = Words.COMPANY_PREFIXES[r.nextInt(Words.COMPANY_PREFIXES.length)];
		String core = Words.COMPANY_CORES[r.nextInt(Words.COMPANY_CORES.length)];
		String trade = Words.COMPANY_TRADES[r.nextInt(Words.COMPANY_TRADES.length)];
		String name = prefix + core + " " + trade + " " + place[5];
		String domain = (prefix + core).toLowerCase() + "-" + trade.toLowerCase() + "." + place[4];
		return new AccountCore(name, domain, place);
	}

	/** The user who owns account {@code i} (the first draw of the account's own random sequence). */
	static int accountOwner(long i) {
		return random(ACCOUNT + 100, i).nextInt(USERS);
	}

	/** Account {@code i} as one line of COPY text format. */
	void account(long i, CopyLine line) {
		AccountCore a = accountCore(i);
		SplittableRandom r = random(ACCOUNT + 100, i);
		int owner = r.nextInt(USERS);
		long created = END_EPOCH - TWO_YEARS + r.nextLong(TWO_YEARS);
		long modified = created + r.nextLong(END_EPOCH - created + 1);
		line.start()
			.value(accountId(i))
			.value(a.name())
			.value(String.format("A%08d", i))
			.value(phone(r, a.place()))
			.value("info@" + a.domain())
			.value("https://www." + a.domain())
			.value(1 + r.nextInt(33))
			.value(1 + r.nextInt(12))
			.value(5 + r.nextInt(5000))
			.value(100_000L * (1 + r.nextInt(50_000)))
			.value((1 + r.nextInt(250)) + " " + Words.STREETS[r.nextInt(Words.STREETS.length)])
			.value(a.place()[0])
			.value(postal(r, a.place()))
			.value(a.place()[1])
			.value(1).value(false).value(false).value(false).value(false).value(false);
		system(line, owner, created, modified);
	}

	// ------------------------------------------------------------------ contacts

	/** Contact {@code i} as one line of COPY text format. */
	void contact(long i, CopyLine line) {
		SplittableRandom r = random(CONTACT, i);
		int f = r.nextInt(Words.FIRST_NAMES.length);
		int l = r.nextInt(Words.LAST_NAMES.length);
		String first = Words.FIRST_NAMES[f];
		String last = Words.LAST_NAMES[l];
		boolean hasAccount = r.nextInt(10) != 0;
		long account = hasAccount ? r.nextInt(accounts) : -1;
		AccountCore a = hasAccount ? accountCore(account) : null;
		String[] place = hasAccount && r.nextInt(4) != 0 ? a.place() : Words.PLACES[r.nextInt(Words.PLACES.length)];
		String local = Words.FIRST_ASCII[f] + (r.nextBoolean() ? "." : "") + Words.LAST_ASCII[l]
				+ (r.nextInt(3) == 0 ? String.valueOf(r.nextInt(100)) : "");
		String email = local + "@" + (hasAccount ? a.domain() : Words.FREE_MAIL[r.nextInt(Words.FREE_MAIL.length)]);
		int owner = contactOwner(i);
		long created = END_EPOCH - TWO_YEARS + r.nextLong(TWO_YEARS);
		long modified = created + r.nextLong(END_EPOCH - created + 1);
		line.start()
			.value(contactId(i))
			.value(first + " " + last)
			.value(first)
			.value(last)
			.value(Words.JOB_TITLES[r.nextInt(Words.JOB_TITLES.length)])
			.value(r.nextInt(3) == 0 ? Words.DEPARTMENTS[r.nextInt(Words.DEPARTMENTS.length)] : null)
			.value(email)
			.value(phone(r, place))
			.value((1 + r.nextInt(250)) + " " + Words.STREETS[r.nextInt(Words.STREETS.length)])
			.value(place[0])
			.value(postal(r, place))
			.value(place[1])
			.value(hasAccount ? accountId(account) : null)
			.value(hasAccount ? "account" : null)
			.value(r.nextInt(5) == 0 ? null : 500L * (40 + r.nextInt(500)))
			.value(1).value(false).value(false).value(false).value(false).value(false);
		system(line, owner, created, modified);
	}

	/**
	 * The user who owns contact {@code i}: for three in four contacts with an account the account's owner (an account
	 * team works its contacts), otherwise anyone. Drawn apart from the contact's other values, so activities and
	 * connections can follow it without generating the contact.
	 */
	int contactOwner(long i) {
		SplittableRandom r = random(CONTACT + 100, i);
		long account = contactAccount(i);
		return account >= 0 && r.nextInt(4) != 0 ? accountOwner(account) : r.nextInt(USERS);
	}

	/** The parent account of contact {@code i}, or -1: the first draws of {@link #contact}. */
	long contactAccount(long i) {
		SplittableRandom r = random(CONTACT, i);
		r.nextInt(Words.FIRST_NAMES.length);
		r.nextInt(Words.LAST_NAMES.length);
		return r.nextInt(10) != 0 ? r.nextInt(accounts) : -1;
	}

	// ------------------------------------------------------------------ activities and connections

	static final String PHONE_CALL_COLUMNS = "phonecallid, subject, regardingobjectid, regardingobjectidtype, phonenumber,"
			+ " directioncode, scheduledend, " + SYSTEM_COLUMNS;

	static final String TASK_COLUMNS = "taskid, subject, regardingobjectid, regardingobjectidtype, scheduledend,"
			+ " prioritycode, " + SYSTEM_COLUMNS;

	static final String CONNECTION_COLUMNS = "connectionid, record1id, record1idtype, record2id, record2idtype,"
			+ " record1roleid, record2roleid, relatedconnectionid, ismaster, " + SYSTEM_COLUMNS;

	/** Phone call {@code i}: regarding contact {@code i}, owned by the contact's owner, open. */
	void phoneCall(long i, CopyLine line) {
		SplittableRandom r = random(PHONE_CALL, i);
		int owner = contactOwner(i);
		long created = END_EPOCH - TWO_YEARS + r.nextLong(TWO_YEARS);
		line.start()
			.value(phoneCallId(i))
			.value(Words.CALL_SUBJECTS[r.nextInt(Words.CALL_SUBJECTS.length)])
			.value(contactId(i))
			.value("contact")
			.value("+" + (1 + r.nextInt(98)) + " " + (1_000_000 + r.nextInt(9_000_000)))
			.value(r.nextBoolean())
			.value(timestamp(created + 86_400L * (1 + r.nextInt(30))));
		system(line, owner, created, created, 1);
	}

	/** Task {@code i}: regarding account {@code i / TASKS_PER_ACCOUNT}, owned by the account's owner, not started. */
	void task(long i, CopyLine line) {
		SplittableRandom r = random(TASK, i);
		long account = i / TASKS_PER_ACCOUNT;
		long created = END_EPOCH - TWO_YEARS + r.nextLong(TWO_YEARS);
		line.start()
			.value(taskId(i))
			.value(Words.TASK_SUBJECTS[r.nextInt(Words.TASK_SUBJECTS.length)])
			.value(accountId(account))
			.value("account")
			.value(timestamp(created + 86_400L * (1 + r.nextInt(60))))
			.value(r.nextInt(3));
		system(line, accountOwner(account), created, created, 2);
	}

	/**
	 * The contact that account {@code i} is connected with: one owned in the account owner's business unit (the first
	 * of up to 1,000 draws), so that a Salesperson of that unit may read both ends, as on a real account team.
	 */
	long connectedContact(long account) {
		SplittableRandom r = random(CONNECTION, account);
		int unit = businessUnitOf(accountOwner(account));
		long contact = r.nextInt(contacts);
		for (int tries = 1; tries < 1000 && businessUnitOf(contactOwner(contact)) != unit; tries++) {
			contact = r.nextInt(contacts);
		}
		return contact;
	}

	/**
	 * Row {@code row} of the connections: even rows from account {@code row / 2} to its contact (roles Customer ↔
	 * Supplier seen from the account), odd rows the reciprocal, each pointing at the other; owned by the account's owner.
	 */
	void connection(long row, CopyLine line) {
		long account = row / 2;
		boolean fromAccount = row % 2 == 0;
		UUID accountId = accountId(account);
		UUID contactId = contactId(connectedContact(account));
		UUID customer = UUID.fromString("00000000-0000-0000-00c0-000000000002");
		UUID supplier = UUID.fromString("00000000-0000-0000-00c0-000000000001");
		long created = END_EPOCH - TWO_YEARS + random(CONNECTION + 100, account).nextLong(TWO_YEARS);
		line.start()
			.value(connectionId(row))
			.value(fromAccount ? accountId : contactId)
			.value(fromAccount ? "account" : "contact")
			.value(fromAccount ? contactId : accountId)
			.value(fromAccount ? "contact" : "account")
			.value(fromAccount ? supplier : customer)
			.value(fromAccount ? customer : supplier)
			.value(connectionId(fromAccount ? row + 1 : row - 1))
			.value(fromAccount);
		system(line, accountOwner(account), created, created, 1);
	}

	/** The full name generated for contact {@code i} (the benchmark checks a stored row against it). */
	static String contactFullName(long i) {
		SplittableRandom r = random(CONTACT, i);
		return Words.FIRST_NAMES[r.nextInt(Words.FIRST_NAMES.length)] + " "
				+ Words.LAST_NAMES[r.nextInt(Words.LAST_NAMES.length)];
	}

	private static void system(CopyLine line, int owner, long created, long modified) {
		system(line, owner, created, modified, 1);
	}

	private static void system(CopyLine line, int owner, long created, long modified, int statuscode) {
		UUID user = userId(owner);
		line.value(timestamp(created))
			.value(user)
			.value(timestamp(modified))
			.value(user)
			.value(user)
			.value("systemuser")
			.value(businessUnitId(businessUnitOf(owner)))
			.value(0)
			.value(statuscode)
			.value(1)
			.end();
	}

	private static String phone(SplittableRandom r, String[] place) {
		return "+" + place[2] + " " + (10 + r.nextInt(90)) + " " + (1_000_000 + r.nextInt(9_000_000));
	}

	private static String postal(SplittableRandom r, String[] place) {
		int digits = Integer.parseInt(place[3]);
		StringBuilder b = new StringBuilder(digits);
		for (int d = 0; d < digits; d++) {
			b.append((char) ('0' + r.nextInt(10)));
		}
		return b.toString();
	}

	private static String timestamp(long epochSecond) {
		return LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC).toString() + "+00";
	}
}
