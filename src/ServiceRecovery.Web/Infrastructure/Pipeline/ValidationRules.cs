using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Infrastructure.Pipeline;

/// <summary>The text rules every form field of ours follows, with messages that say what to do.</summary>
public static class ValidationRules
{
    /// <summary>Required free text of up to <paramref name="maxLength"/> characters; line breaks allowed.</summary>
    public static IRuleBuilderOptions<T, string?> LongText<T>(this IRuleBuilder<T, string?> rule, string what, int maxLength) => rule
        .NotEmpty().WithMessage($"Enter {what}.")
        .MaximumLength(maxLength).WithMessage($"Keep {what} to {maxLength} characters.")
        .Must(FormText.IsPrintableMultiline).WithMessage($"The text of {what} contains characters that cannot be used.");

    /// <summary>Required single-line text such as a name or a reason.</summary>
    public static IRuleBuilderOptions<T, string?> ShortText<T>(this IRuleBuilder<T, string?> rule, string what, int maxLength) => rule
        .NotEmpty().WithMessage($"Enter {what}.")
        .MaximumLength(maxLength).WithMessage($"Keep {what} to {maxLength} characters.")
        .Must(FormText.IsPrintable).WithMessage($"The text of {what} contains characters that cannot be used.");

    /// <summary>Optional free text.</summary>
    public static IRuleBuilderOptions<T, string?> OptionalText<T>(this IRuleBuilder<T, string?> rule, string what, int maxLength) => rule
        .MaximumLength(maxLength).WithMessage($"Keep {what} to {maxLength} characters.")
        .Must(FormText.IsPrintableMultiline).WithMessage($"The text of {what} contains characters that cannot be used.");
}
