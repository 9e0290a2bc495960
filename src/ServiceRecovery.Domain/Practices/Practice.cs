namespace ServiceRecovery.Domain;

/// <summary>A dental practice: its locale, its journey stages and the limits its staff work within.</summary>
public sealed class Practice
{
    private readonly List<CxStage> _stages = [];
    private readonly List<DefectCategory> _categories = [];

    private Practice() { }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";

    /// <summary>The practice's part of public addresses (the comment card).</summary>
    public string Slug { get; private set; } = "";

    /// <summary>IANA time zone id, e.g. Australia/Sydney.</summary>
    public string TimeZoneId { get; private set; } = "";

    /// <summary>Culture for dates and money, e.g. en-AU.</summary>
    public string Culture { get; private set; } = "";

    /// <summary>ISO 4217 currency code, e.g. AUD.</summary>
    public string Currency { get; private set; } = "";

    /// <summary>Concurrency token: two managers saving settings at once never overwrite each other.</summary>
    public Guid Version { get; private set; } = Guid.NewGuid();

    public StepDueTimes DueTimes { get; private set; } = StepDueTimes.Default;
    public GestureLimits GestureLimits { get; private set; } = GestureLimits.Default;
    public ReminderSettings Reminders { get; private set; } = ReminderSettings.Default;

    /// <summary>
    /// The practice's own list of welcome-back gestures, one per line as stored: what the front desk may offer when a
    /// patient whose recovery is open (or recent) comes back. The first is the suggestion when the case has none planned.
    /// </summary>
    public string WelcomeGestures { get; private set; } = WelcomeGestureList.DefaultText;

    /// <summary>A patient gets the recovery survey at most once in this many days, however many of their cases resolve.</summary>
    public int SurveyIntervalDays { get; private set; } = DefaultSurveyIntervalDays;

    public const int DefaultSurveyIntervalDays = 90;

    public const int MaxSurveyIntervalDays = 730;

    public IReadOnlyList<string> WelcomeGestureOptions => WelcomeGestureList.Parse(WelcomeGestures);

    /// <summary>The complaint profile the practice's formal complaints are counted by (<see cref="JurisdictionProfiles"/>); null until chosen.</summary>
    public string? ComplaintProfileId { get; private set; }

    /// <summary>Whose public holidays the clocks skip: one of the profile's regions.</summary>
    public HolidayRegion? HolidayRegion { get; private set; }

    /// <summary>The practice's own time to acknowledge, in the profile's unit; null for the profile's.</summary>
    public int? AcknowledgeWithin { get; private set; }

    /// <summary>The practice's own time to respond, in the profile's unit; null for the profile's.</summary>
    public int? RespondWithin { get; private set; }

    /// <summary>The days of the week the practice is open, as bits by <see cref="DayOfWeek"/> (see <see cref="WorkingDays"/>).</summary>
    public int OpeningDays { get; private set; } = WorkingDays.DefaultOpeningDays;

    /// <summary>The practice's own closure days, one date or range a line as stored.</summary>
    public string ClosureDays { get; private set; } = "";

    /// <summary>The practice's complaint settings as they stand; null until a profile is chosen.</summary>
    public ComplaintSettings? Complaints => ComplaintProfileId is { } id ? new ComplaintSettings(id, HolidayRegion, AcknowledgeWithin, RespondWithin) : null;

    /// <summary>
    /// The practice's working days today: opening days, the holidays of its region, its closure days. A profile chosen
    /// without a region counts on its default region's holidays, as its rules do (<see cref="ComplaintSettings.Rules"/>).
    /// </summary>
    public WorkingCalendar Calendar => CalendarOf(OpeningDays, HolidayRegion, ComplaintProfileId, ClosureDays);

    /// <summary><see cref="Calendar"/> from the stored columns alone, for a read that projects them instead of loading the practice.</summary>
    public static WorkingCalendar CalendarOf(int openingDays, HolidayRegion? region, string? profileId, string? closureDays) =>
        new(WorkingDays.Days(openingDays), region ?? (profileId is { } id ? JurisdictionProfiles.Find(id)?.DefaultRegion : null), WorkingDays.ClosureDates(closureDays));

    /// <summary>
    /// Changes the working days and the complaint rules together, all checked before any is kept. Open formal
    /// complaints keep the rules they were marked under (<see cref="ComplaintRules"/>); new working days move their kept
    /// due dates (<see cref="RecoveryCase.FollowCalendar"/>, called by the settings' save).
    /// </summary>
    public void ChangeWorkingDaysAndComplaints(IReadOnlyCollection<DayOfWeek> openingDays, string? closureDays, ComplaintSettings? complaints)
    {
        if (openingDays.Count == 0)
        {
            throw DomainRuleException.For(WorkingDays.OpeningField, "Choose at least one opening day.");
        }

        var closures = WorkingDays.CheckClosures(closureDays);
        var checkedComplaints = complaints?.Checked();
        if (checkedComplaints is null && ComplaintProfileId is not null)
        {
            throw DomainRuleException.For(ComplaintSettings.ProfileField, "Choose one of the complaint profiles listed.");
        }

        OpeningDays = WorkingDays.Bits(openingDays);
        ClosureDays = closures;
        ComplaintProfileId = checkedComplaints?.ProfileId;
        HolidayRegion = checkedComplaints?.Region;
        AcknowledgeWithin = checkedComplaints?.AcknowledgeWithin;
        RespondWithin = checkedComplaints?.RespondWithin;
    }

    /// <summary>The rules a formal complaint marked now is counted by; refused until the practice has chosen its profile.</summary>
    public ComplaintRules ComplaintRules() =>
        Complaints?.Rules() ?? throw new DomainRuleException("Choose the practice's complaint profile in settings first.");

    /// <summary>SHA-256 of the huddle-board display link's token; null when no link is active.</summary>
    public string? DisplayTokenHash { get; private set; }

    public DateTimeOffset? DisplayTokenIssuedAt { get; private set; }

    /// <summary>When the team last held its huddle ("shared at today's huddle"): the board's "new since" line.</summary>
    public DateTimeOffset? LastHuddleAt { get; private set; }

    public IReadOnlyList<CxStage> Stages => _stages;
    public IReadOnlyList<DefectCategory> Categories => _categories;

    /// <summary>The address for letters, as it is printed (several lines).</summary>
    public string? Address { get; private set; }

    public string? Phone { get; private set; }

    /// <summary>Where a patient's reply to the practice's email goes; none until a manager sets it.</summary>
    public string? LetterReplyTo { get; private set; }

    /// <summary>How a patient can take a complaint further, in the practice's words; the culture's default when none.</summary>
    public string? ComplaintFurtherSteps { get; private set; }

    /// <summary>What the letters say about taking a complaint further: the practice's words, or the default for its culture.</summary>
    public string FurtherSteps => ComplaintFurtherSteps ?? ShippedLetters.FurtherStepsFor(Culture);

    /// <summary>When an administrator archived the practice: it takes no new defects and drops out of lists and forms; nothing is deleted.</summary>
    public DateTimeOffset? ArchivedAt { get; private set; }

    /// <summary>The name of the administrator who archived it.</summary>
    public string? ArchivedBy { get; private set; }

    public bool IsArchived => ArchivedAt is not null;

    /// <summary>The practice's details as they stand, to change some of them.</summary>
    /// <summary>The practice's calendar and money: today at the practice, local and UTC times, amounts in its currency.</summary>
    public PracticeLocale Locale => new(TimeZoneId, Culture, Currency);

    public PracticeDetails Details => new(Name, Address, TimeZoneId, Culture, Currency, Phone, Slug);

    public static Practice Create(string name, string slug, string timeZoneId, string culture, string currency) =>
        Create(new PracticeDetails(name, null, timeZoneId, culture, currency, null, slug));

    public static Practice Create(PracticeDetails details)
    {
        var practice = new Practice { Id = Ids.New() };
        practice.ChangeDetails(details);
        return practice;
    }

    /// <summary>Sets every detail at once, each checked by <see cref="PracticeDetails.Checked"/> (the rule names its field).</summary>
    public void ChangeDetails(PracticeDetails details)
    {
        var checkedDetails = details.Checked();
        Name = checkedDetails.Name;
        Address = checkedDetails.Address;
        TimeZoneId = checkedDetails.TimeZoneId;
        Culture = checkedDetails.Culture;
        Currency = checkedDetails.Currency;
        Phone = checkedDetails.Phone;
        Slug = checkedDetails.Slug;
    }

    /// <summary>Archives the practice; archiving twice keeps the first time and name.</summary>
    public void Archive(Actor by, DateTimeOffset now)
    {
        if (by.Role != StaffRole.Administrator)
        {
            throw new DomainRuleException("Only an administrator of the practice can archive it.");
        }

        if (IsArchived)
        {
            return;
        }

        ArchivedAt = now;
        ArchivedBy = by.Name;
    }

    /// <summary>An archived practice keeps its cases readable but takes no new defects.</summary>
    public void EnsureTakesNewDefects()
    {
        if (IsArchived)
        {
            throw new DomainRuleException("This practice is archived and takes no new defects.");
        }
    }

    /// <summary>A new practice with the Customer Experience Cycle and categories of the product brief.</summary>
    public static Practice CreateWithDefaults(string name, string slug, string timeZoneId, string culture, string currency) =>
        CreateWithDefaults(new PracticeDetails(name, null, timeZoneId, culture, currency, null, slug));

    /// <inheritdoc cref="CreateWithDefaults(string, string, string, string, string)"/>
    public static Practice CreateWithDefaults(PracticeDetails details)
    {
        var practice = Create(details);
        foreach (var stage in CxStage.DefaultNames)
        {
            practice.AddStage(stage);
        }

        foreach (var category in DefectCategory.DefaultNames)
        {
            practice.AddCategory(category);
        }

        return practice;
    }

    public CxStage AddStage(string name) => Add(_stages, name, "stage", position => new CxStage(Id, name, position));

    public DefectCategory AddCategory(string name) => Add(_categories, name, "category", position => new DefectCategory(Id, name, position));

    /// <summary>Adds a stage or a category at the end of its list; two current items never share a name.</summary>
    private static T Add<T>(List<T> items, string name, string word, Func<int, T> create)
        where T : PracticeListItem
    {
        if (items.Any(i => !i.IsRetired && string.Equals(i.Name, name.Trim(), StringComparison.OrdinalIgnoreCase)))
        {
            throw new DomainRuleException($"There is already a {word} called {name.Trim()}.");
        }

        var item = create(items.Count == 0 ? 1 : items.Max(i => i.Position) + 1);
        items.Add(item);
        return item;
    }

    /// <summary>Moves a current stage one place up (-1) or down (+1) among the current stages.</summary>
    public void MoveStage(Guid stageId, int direction)
    {
        var ordered = _stages.Where(s => !s.IsRetired).OrderBy(s => s.Position).ToList();
        var index = ordered.FindIndex(s => s.Id == stageId);
        if (index < 0)
        {
            throw new DomainRuleException("That stage is not a current stage of this practice.");
        }

        var target = index + Math.Sign(direction);
        if (target < 0 || target >= ordered.Count)
        {
            return;
        }

        (ordered[index], ordered[target]) = (ordered[target], ordered[index]);
        for (var i = 0; i < ordered.Count; i++)
        {
            ordered[i].MoveTo(i + 1);
        }
    }

    public CxStage Stage(Guid stageId) => Find(_stages, stageId, "stage");

    public DefectCategory Category(Guid categoryId) => Find(_categories, categoryId, "category");

    private static T Find<T>(List<T> items, Guid id, string word)
        where T : PracticeListItem =>
        items.SingleOrDefault(i => i.Id == id) ?? throw new DomainRuleException($"That {word} is not one of this practice's.");

    public void ChangeDueTimes(StepDueTimes dueTimes) => DueTimes = dueTimes;

    public void ChangeReminders(ReminderSettings reminders) => Reminders = reminders;

    /// <summary>Replaces the welcome-back gestures; each line is one, blank lines dropped, the order kept.</summary>
    public void ChangeSurveyInterval(int? days) => SurveyIntervalDays = days is { } d && d >= 1 && d <= MaxSurveyIntervalDays
        ? d
        : throw DomainRuleException.For("SurveyIntervalDays", $"Enter a number of days from 1 to {MaxSurveyIntervalDays}.");

    public void ChangeWelcomeGestures(string lines) => WelcomeGestures = string.Join('\n', WelcomeGestureList.Check(lines));

    /// <summary>The reply-to address of the practice's email to patients, and how a patient can take a complaint further.</summary>
    public void ChangeLetterSettings(string? replyTo, string? furtherSteps)
    {
        var address = Guard.OptionalText(replyTo, "Reply-to address", Limits.Email);
        if (address is not null && (address.Count(c => c == '@') != 1 || address.StartsWith('@') || address.EndsWith('@') || address.Any(char.IsWhiteSpace)))
        {
            throw DomainRuleException.For("ReplyTo", "Enter an email address such as reception@practice.example.");
        }

        var steps = Guard.OptionalText(furtherSteps?.ReplaceLineEndings("\n"), "How to take a complaint further", ShippedLetters.FurtherStepsLength);
        LetterReplyTo = address;
        ComplaintFurtherSteps = steps == ShippedLetters.FurtherStepsFor(Culture) ? null : steps;
    }

    public void Rename(string name) => ChangeDetails(Details with { Name = name });

    public void ChangeLocale(string timeZoneId, string culture, string currency) =>
        ChangeDetails(Details with { TimeZoneId = timeZoneId, Culture = culture, Currency = currency });

    /// <summary>
    /// Issues a new display link for a staff-room TV, replacing any earlier one. Only a hash is kept:
    /// the token itself is shown once, to the manager who asked for it.
    /// </summary>
    public string IssueDisplayToken(DateTimeOffset now)
    {
        var token = SecretToken.New();
        DisplayTokenHash = SecretToken.Hash(token);
        DisplayTokenIssuedAt = now;
        return token;
    }

    public void RevokeDisplayToken()
    {
        DisplayTokenHash = null;
        DisplayTokenIssuedAt = null;
    }

    public void MarkHuddleHeld(DateTimeOffset now) => LastHuddleAt = now;

    /// <summary>
    /// Changes the limits <paramref name="by"/> may change (see <see cref="GestureLimits.MayChange"/>), refusing the lot
    /// if any other limit would change; returns what changed, old and new, for the audit trail.
    /// </summary>
    public IReadOnlyList<(StaffRole Role, decimal? Old, decimal? New)> ChangeGestureLimits(GestureLimits limits, Actor by)
    {
        var changes = GestureLimits.ChangesTo(limits);
        foreach (var (role, _, _) in changes)
        {
            if (GestureLimits.WhyNot(role, by) is { } why)
            {
                throw new DomainRuleException($"You cannot change the {role.Words().ToLowerInvariant()} limit. {why}");
            }
        }

        GestureLimits = limits;
        return changes;
    }
}
