using Microsoft.AspNetCore.Mvc.Rendering;

namespace ServiceRecovery.Web.Infrastructure.Web;

/// <summary>Select options for an enum, in readable words ("Hand written note").</summary>
public static class EnumOptions
{
    public static IEnumerable<SelectListItem> Of<T>() where T : struct, Enum =>
        Enum.GetValues<T>().Select(value => new SelectListItem(value.Words(), Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture).ToString(System.Globalization.CultureInfo.InvariantCulture)));
}
