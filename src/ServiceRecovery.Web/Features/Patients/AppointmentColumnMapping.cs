namespace ServiceRecovery.Web.Features.Patients;

/// <summary>Which column of an appointments file (1 for the first) holds each field; every field is needed.</summary>
public sealed class AppointmentColumnMapping
{
    [Display(Name = "Appointment id")] public int? AppointmentId { get; set; }
    [Display(Name = "PMS patient id")] public int? PmsPatientId { get; set; }
    [Display(Name = "Start date and time")] public int? Start { get; set; }
    [Display(Name = "Status")] public int? Status { get; set; }

    public IEnumerable<(string Field, string Label, int? Column)> Fields =>
    [
        (nameof(AppointmentId), "Appointment id", AppointmentId), (nameof(PmsPatientId), "PMS patient id", PmsPatientId),
        (nameof(Start), "Start date and time", Start), (nameof(Status), "Status", Status),
    ];

    /// <summary>What is wrong with the choice for a file of <paramref name="columnCount"/> columns; empty when it can be used.</summary>
    public IReadOnlyList<FieldError> Check(int columnCount)
    {
        var errors = new List<FieldError>();
        foreach (var (field, label, column) in Fields)
        {
            if (column is not { } c)
            {
                errors.Add(new FieldError(field, $"Choose the column with the {label.ToLowerInvariant()}."));
            }
            else if (c < 1 || c > columnCount)
            {
                errors.Add(new FieldError(field, $"Choose a column of this file for {label}."));
            }
        }

        var twice = Fields.Where(f => f.Column is not null).GroupBy(f => f.Column).FirstOrDefault(g => g.Count() > 1);
        if (errors.Count == 0 && twice is not null)
        {
            errors.Add(new FieldError(twice.Last().Field, $"Column {twice.Key} is chosen for {string.Join(" and ", twice.Select(f => f.Label))}: choose one column for each field."));
        }

        return errors;
    }

    /// <summary>A first guess from the headings, which the manager checks.</summary>
    public static AppointmentColumnMapping Guess(IReadOnlyList<string> columns)
    {
        var taken = new HashSet<int>();
        int? Find(params string[] words)
        {
            for (var i = 0; i < columns.Count; i++)
            {
                var heading = new string(columns[i].Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant();
                if (words.Contains(heading) && taken.Add(i + 1))
                {
                    return i + 1;
                }
            }

            return null;
        }

        return new AppointmentColumnMapping
        {
            PmsPatientId = Find("patientid", "pmspatientid", "pmsid", "patientno", "patientnumber", "chartno", "chartnumber", "accountno", "patient"),
            AppointmentId = Find("appointmentid", "apptid", "appointmentno", "appointmentnumber", "apptno", "appointment", "id"),
            Start = Find("start", "starts", "startsat", "starttime", "startdatetime", "appointmentstart", "datetime", "appointmentdate", "date", "when"),
            Status = Find("status", "appointmentstatus", "apptstatus", "state", "outcome"),
        };
    }
}
