namespace ServiceRecovery.Domain;

/// <summary>
/// The complaint rules the app ships, one per country and kind of care. Each cites its source here and in
/// docs/complaints.md; public holidays come from the offline library by region, never from this file.
/// </summary>
public static class JurisdictionProfiles
{
    public const int IdLength = 40;

    /// <summary>
    /// The Local Authority Social Services and National Health Service Complaints (England) Regulations 2009
    /// (SI 2009/309): reg 8(1)(b) a spoken complaint resolved by the next working day is outside them; reg 12 the
    /// 12-month window; reg 13(1)-(3) acknowledge not later than 3 working days after the day of receipt, offering to
    /// discuss; reg 13(7) and 14(2) respond in the period agreed, and tell the patient why when there is no response
    /// within 6 months; reg 14(1)(c) the right to go to the Parliamentary and Health Service Ombudsman. Retention:
    /// NHS Records Management Code of Practice 2021, complaints records 10 years after closure.
    /// </summary>
    public static readonly JurisdictionProfile EnglandNhs = new(
        "england-nhs-dental",
        "England, NHS dental care",
        [HolidayRegion.England],
        new ClockRule(3, ClockUnit.WorkingDays),
        new ClockRule(6, ClockUnit.CalendarMonths),
        PracticeSetsClock: false,
        new EscalationBody("Parliamentary and Health Service Ombudsman", "Millbank Tower\n30 Millbank\nLondon\nSW1P 4QP", "www.ombudsman.org.uk"),
        RetentionYears: 10,
        ComplaintWindowMonths: 12,
        "Local Authority Social Services and National Health Service Complaints (England) Regulations 2009, regs 8, 12, 13, 14; NHS Records Management Code of Practice 2021");

    /// <summary>
    /// GDC Standards for the Dental Team (2013), principle 5 ("have a clear and effective complaints procedure"),
    /// 5.1.1 respond within the time limits of the procedure, 5.1.4 time limits similar to the NHS procedure, 5.1.7 a
    /// written record of every complaint and the reply; the Dental Complaints Service's expectation for private care:
    /// acknowledge within 2 working days, a full reply within 10 working days (or give the patient a date). No
    /// statutory retention period: the NHS records code's 10 years is used.
    /// </summary>
    public static readonly JurisdictionProfile UnitedKingdomPrivate = new(
        "uk-private-dental",
        "United Kingdom, private dental care",
        [HolidayRegion.England, HolidayRegion.Wales, HolidayRegion.Scotland, HolidayRegion.NorthernIreland],
        new ClockRule(2, ClockUnit.WorkingDays),
        new ClockRule(10, ClockUnit.WorkingDays),
        PracticeSetsClock: false,
        new EscalationBody("Dental Complaints Service", "Stephenson House\n2 Cherry Orchard Road\nCroydon\nCR0 6BA", "dcs.gdc-uk.org"),
        RetentionYears: 10,
        ComplaintWindowMonths: null,
        "GDC Standards for the Dental Team, principle 5; Dental Complaints Service guidance for dental professionals");

    /// <summary>
    /// Health Complaints Act 2016 (Vic): s 132 the Commissioner's complaint handling standards (prompt acknowledgement,
    /// prompt resolution, keep the complainant informed, keep records); acknowledge within 3 working days and aim to
    /// resolve within 90 days. Retention: Health Records Act 2001 (Vic), Schedule 1, HPP 4.2, 7 years after the last
    /// service for an adult.
    /// </summary>
    public static readonly JurisdictionProfile Victoria = new(
        "au-victoria",
        "Victoria, Australia",
        [HolidayRegion.Victoria],
        new ClockRule(3, ClockUnit.WorkingDays),
        new ClockRule(90, ClockUnit.CalendarDays),
        PracticeSetsClock: false,
        new EscalationBody("Health Complaints Commissioner", "Level 26, 570 Bourke Street\nMelbourne VIC 3000", "hcc.vic.gov.au"),
        RetentionYears: 7,
        ComplaintWindowMonths: 12,
        "Health Complaints Act 2016 (Vic), ss 8, 132; Health Records Act 2001 (Vic), HPP 4.2");

    /// <summary>
    /// AS 10002:2022 Guidelines for complaint management in organizations (adopted in New Zealand as AS/NZS): the
    /// organisation sets its own timeframes; the defaults are 3 working days to acknowledge and 30 days to respond.
    /// Retention: 7 years, the common Australian health-records period; 10 years for a practice in New Zealand, as the
    /// Health (Retention of Health Information) Regulations 1996 ask (kept for 10 years from the last service).
    /// </summary>
    public static readonly JurisdictionProfile AustraliaNewZealandOther = new(
        "au-nz-other",
        "Australia (other states) and New Zealand",
        [
            HolidayRegion.NewSouthWales, HolidayRegion.AustralianCapitalTerritory, HolidayRegion.NorthernTerritory, HolidayRegion.Queensland,
            HolidayRegion.SouthAustralia, HolidayRegion.Tasmania, HolidayRegion.WesternAustralia, HolidayRegion.NewZealand,
        ],
        new ClockRule(3, ClockUnit.WorkingDays),
        new ClockRule(30, ClockUnit.CalendarDays),
        PracticeSetsClock: true,
        new EscalationBody(
            "The health complaints body of the practice's state or territory (New Zealand: the Health and Disability Commissioner)",
            "Health and Disability Commissioner\nPO Box 1791\nAuckland 1140", "www.hdc.org.nz"),
        RetentionYears: 7,
        ComplaintWindowMonths: null,
        "AS 10002:2022 Guidelines for complaint management in organizations")
    {
        RetentionByRegion = new Dictionary<HolidayRegion, int> { [HolidayRegion.NewZealand] = 10 },
    };

    /// <summary>
    /// HIPAA Privacy Rule, 45 CFR 164.530(d) a process for complaints (no federal response time: the practice sets
    /// it) and 164.530(j)(2) keep the documentation 6 years; complaints to the HHS Office for Civil Rights.
    /// </summary>
    public static readonly JurisdictionProfile UnitedStates = new(
        "us-hipaa",
        "United States (HIPAA)",
        [HolidayRegion.UnitedStates],
        new ClockRule(3, ClockUnit.WorkingDays),
        new ClockRule(30, ClockUnit.CalendarDays),
        PracticeSetsClock: true,
        new EscalationBody(
            "U.S. Department of Health and Human Services, Office for Civil Rights",
            "200 Independence Avenue, S.W.\nWashington, D.C. 20201", "www.hhs.gov/ocr"),
        RetentionYears: 6,
        ComplaintWindowMonths: null,
        "45 CFR 164.530(d), 164.530(j)(2)");

    public static readonly IReadOnlyList<JurisdictionProfile> All = [EnglandNhs, UnitedKingdomPrivate, Victoria, AustraliaNewZealandOther, UnitedStates];

    public static JurisdictionProfile? Find(string? id) => All.SingleOrDefault(p => p.Id == id);
}
