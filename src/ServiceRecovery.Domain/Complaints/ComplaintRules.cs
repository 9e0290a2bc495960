namespace ServiceRecovery.Domain;

/// <summary>
/// The rules a formal complaint is counted by, fixed when it is marked: a later change of the practice's profile or
/// clocks leaves open complaints on the rules they started with. The calendar (opening and closure days) is the
/// practice's current one.
/// </summary>
public sealed record ComplaintRules(string ProfileId, HolidayRegion Region, ClockRule Acknowledge, ClockRule Respond);

/// <summary>
/// The practice's choice of profile, holiday region and clocks. A legal clock may be set shorter (the practice answers
/// sooner) but never longer than the law allows; a practice-set clock may be anything from 1 to <see cref="MaxAmount"/>.
/// </summary>
public sealed record ComplaintSettings(string ProfileId, HolidayRegion? Region, int? AcknowledgeWithin, int? RespondWithin)
{
    public const string ProfileField = "ProfileId";
    public const string RegionField = "Region";
    public const string AcknowledgeField = "AcknowledgeWithin";
    public const string RespondField = "RespondWithin";
    public const int MaxAmount = 365;

    /// <summary>
    /// The settings as checked, or the refusal naming the field at fault. A region left empty stays empty (the profile's
    /// own), so a later change of profile brings its own region with it.
    /// </summary>
    public ComplaintSettings Checked()
    {
        var profile = JurisdictionProfiles.Find(ProfileId) ?? throw DomainRuleException.For(ProfileField, "Choose one of the complaint profiles listed.");
        var region = Region ?? profile.DefaultRegion;
        if (!profile.Regions.Contains(region))
        {
            throw DomainRuleException.For(RegionField, $"{region.Words()} is not a region of {profile.Name}; choose one of its regions.");
        }

        Check(AcknowledgeWithin, profile.Acknowledge, profile, AcknowledgeField, "acknowledge");
        Check(RespondWithin, profile.Respond, profile, RespondField, "respond");
        return this;
    }

    /// <summary>The rules a complaint marked now would be counted by.</summary>
    public ComplaintRules Rules()
    {
        var settings = Checked();
        var profile = JurisdictionProfiles.Find(settings.ProfileId)!;
        return new ComplaintRules(
            profile.Id,
            settings.Region ?? profile.DefaultRegion,
            profile.Acknowledge with { Amount = settings.AcknowledgeWithin ?? profile.Acknowledge.Amount },
            profile.Respond with { Amount = settings.RespondWithin ?? profile.Respond.Amount });
    }

    private static void Check(int? amount, ClockRule rule, JurisdictionProfile profile, string field, string verb)
    {
        if (amount is not { } value)
        {
            return;
        }

        if (value is < 1 or > MaxAmount)
        {
            throw DomainRuleException.For(field, $"The time to {verb} must be from 1 to {MaxAmount}.");
        }

        if (!profile.PracticeSetsClock && value > rule.Amount)
        {
            throw DomainRuleException.For(field,
                $"{profile.Name} allows at most {rule.Words()} to {verb}; the practice may set a shorter time, never a longer one.");
        }
    }
}
