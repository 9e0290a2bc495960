namespace ServiceRecovery.Web.Features.Patients;

public static class PatientsRegistration
{
    public static IServiceCollection AddPatients(this IServiceCollection services) => services.AddScoped<PatientExport>();
}
