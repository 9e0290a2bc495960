using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Practices;

/// <summary>
/// The details of a practice as the setup page, the new-practice page and the edit page post them. The property names
/// are the domain's (<see cref="PracticeDetails"/>), so a rule the domain refuses lands beside its field.
/// </summary>
public abstract class PracticeForm
{
    [Display(Name = "Practice name")] public string? Name { get; set; }
    [Display(Name = "Address for letters")] public string? Address { get; set; }
    [Display(Name = "Time zone")] public string? TimeZoneId { get; set; }
    [Display(Name = "Culture")] public string? Culture { get; set; }
    [Display(Name = "Currency")] public string? Currency { get; set; }
    [Display(Name = "Phone")] public string? Phone { get; set; }
    [Display(Name = "Comment-card address name")] public string? Slug { get; set; }

    public PracticeDetails ToDetails() => new(Name ?? "", Address, TimeZoneId ?? "", Culture ?? "", Currency ?? "", Phone, Slug ?? "");

    public void Fill(PracticeDetails details)
    {
        (Name, Address, TimeZoneId, Culture, Currency, Phone, Slug) =
            (details.Name, details.Address, details.TimeZoneId, details.Culture, details.Currency, details.Phone, details.Slug);
    }

    /// <summary>The usual choices, offered as a list; the domain accepts any known one.</summary>
    public static readonly IReadOnlyList<string> TimeZones =
    [
        "Australia/Sydney", "Australia/Melbourne", "Australia/Brisbane", "Australia/Adelaide", "Australia/Darwin", "Australia/Perth",
        "Australia/Hobart", "Pacific/Auckland", "Europe/London", "Europe/Dublin", "America/New_York", "America/Chicago",
        "America/Denver", "America/Los_Angeles", "America/Toronto", "America/Vancouver",
    ];

    public const string SlugClash = "Another practice already uses this comment-card address name. Choose another.";

    /// <summary>
    /// The comment-card address name is unique across every practice (the filter is lifted for this one check: a clash
    /// with a practice the person cannot see must still be refused, with a message, not by the unique index's 500).
    /// </summary>
    public static async Task<bool> SlugTakenAsync(AppDbContext db, string slug, Guid? except, CancellationToken cancellationToken)
    {
        var normalised = slug.Trim().ToLowerInvariant();
        return await db.Practices.IgnoreQueryFilters().AnyAsync(p => p.Slug == normalised && p.Id != except, cancellationToken);
    }
}

/// <summary>The shape of the practice fields; what a known time zone, culture or currency is, the domain says.</summary>
internal sealed class PracticeFormRules : AbstractValidator<PracticeForm>
{
    public PracticeFormRules()
    {
        RuleFor(f => f.Name).ShortText("the practice name", Limits.Name);
        RuleFor(f => f.Address).OptionalText("the address", PracticeDetails.AddressLength);
        RuleFor(f => f.TimeZoneId).NotEmpty().WithMessage("Choose a time zone.").MaximumLength(64).WithMessage("Choose a time zone from the list.");
        RuleFor(f => f.Culture).NotEmpty().WithMessage("Choose a culture.").MaximumLength(16).WithMessage("Choose a culture from the list.");
        RuleFor(f => f.Currency).NotEmpty().WithMessage("Choose a currency.").MaximumLength(3).WithMessage("Enter the three-letter currency code, such as AUD.");
        RuleFor(f => f.Phone).MaximumLength(PracticeDetails.PhoneLength).WithMessage($"Keep the phone number to {PracticeDetails.PhoneLength} characters.")
            .Must(p => p is null || FormText.IsPrintable(p)).WithMessage("The phone number contains characters that cannot be used.");
        RuleFor(f => f.Slug).NotEmpty().WithMessage("Enter the comment-card address name.")
            .MaximumLength(PracticeDetails.SlugLength).WithMessage($"Keep the comment-card address name to {PracticeDetails.SlugLength} characters.");
    }
}
