namespace ServiceRecovery.Web.Features.Patients;

/// <summary>Which column of the file (1 for the first) holds each field; null for none. Date of birth has no field: it is never kept.</summary>
public sealed class ColumnMapping
{
    [Display(Name = "Full name")] public int? FullName { get; set; }
    [Display(Name = "First name")] public int? FirstName { get; set; }
    [Display(Name = "Last name")] public int? LastName { get; set; }
    [Display(Name = "Mobile")] public int? Mobile { get; set; }
    [Display(Name = "Other phone")] public int? OtherPhone { get; set; }
    [Display(Name = "Email")] public int? Email { get; set; }
    [Display(Name = "PMS patient id")] public int? PmsId { get; set; }

    public IEnumerable<(string Field, string Label, int? Column)> Fields =>
    [
        (nameof(FullName), "Full name", FullName), (nameof(FirstName), "First name", FirstName), (nameof(LastName), "Last name", LastName),
        (nameof(Mobile), "Mobile", Mobile), (nameof(OtherPhone), "Other phone", OtherPhone), (nameof(Email), "Email", Email), (nameof(PmsId), "PMS patient id", PmsId),
    ];

    /// <summary>What is wrong with the choice for a file of <paramref name="columnCount"/> columns; empty when it can be used.</summary>
    public IReadOnlyList<FieldError> Check(int columnCount)
    {
        var errors = new List<FieldError>();
        foreach (var (field, label, column) in Fields)
        {
            if (column is { } c && (c < 1 || c > columnCount))
            {
                errors.Add(new FieldError(field, $"Choose a column of this file for {label}, or none."));
            }
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        if (FullName is null && (FirstName is null || LastName is null))
        {
            errors.Add(new FieldError(nameof(FullName), "Choose the column with the full name, or the columns with the first and the last name."));
        }
        else if (FullName is not null && (FirstName is not null || LastName is not null))
        {
            errors.Add(new FieldError(nameof(FullName), "Choose either the full name or the first and last names, not both."));
        }

        if (Mobile is null && OtherPhone is null && Email is null)
        {
            errors.Add(new FieldError(nameof(Mobile), "Choose the column with the mobile, another phone or the email address, so the practice can reach each patient."));
        }

        var twice = Fields.Where(f => f.Column is not null).GroupBy(f => f.Column).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            errors.Add(new FieldError(twice.Last().Field, $"Column {twice.Key} is chosen for {string.Join(" and ", twice.Select(f => f.Label))}: choose one column for each field."));
        }

        return errors;
    }

    /// <summary>A first guess from the headings, which the manager checks.</summary>
    public static ColumnMapping Guess(IReadOnlyList<string> columns)
    {
        int? Find(params string[] words)
        {
            for (var i = 0; i < columns.Count; i++)
            {
                var heading = new string(columns[i].Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant();
                if (words.Contains(heading))
                {
                    return i + 1;
                }
            }

            return null;
        }

        var mapping = new ColumnMapping
        {
            FullName = Find("name", "fullname", "patientname", "patient"),
            FirstName = Find("firstname", "first", "givenname", "forename"),
            LastName = Find("lastname", "last", "surname", "familyname"),
            Mobile = Find("mobile", "mobilephone", "cell", "cellphone", "mobileno", "mobilenumber"),
            OtherPhone = Find("phone", "homephone", "otherphone", "workphone", "telephone", "home"),
            Email = Find("email", "emailaddress", "mail"),
            PmsId = Find("id", "patientid", "pmsid", "patientno", "patientnumber", "chartno", "chartnumber", "accountno"),
        };
        if (mapping.FullName is not null && mapping.FirstName is not null && mapping.LastName is not null)
        {
            mapping.FullName = null;
        }

        return mapping;
    }
}
