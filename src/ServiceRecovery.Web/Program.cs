using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Serilog;
using Serilog.Formatting.Compact;
using ServiceRecovery.Web.Features.Account;
using ServiceRecovery.Web.Features.Api;
using ServiceRecovery.Web.Features.Feedback;
using ServiceRecovery.Web.Features.Home;
using ServiceRecovery.Web.Features.Huddle;
using ServiceRecovery.Web.Features.Notifications;
using ServiceRecovery.Web.Features.Patients;
using ServiceRecovery.Web.Features.Queue;
using ServiceRecovery.Web.Features.Reports;
using ServiceRecovery.Web.Features.Retention;
using ServiceRecovery.Web.Features.Setup;
using ServiceRecovery.Web.Features.Staff;
using ServiceRecovery.Web.Features.WelcomeBacks;
using ServiceRecovery.Web.Infrastructure.Commands;
using ServiceRecovery.Web.Infrastructure.Startup;
using ServiceRecovery.Web.Infrastructure.Web;
using ServiceRecovery.Web.Seeding;

// A command of the app (`dotnet ServiceRecovery.Web.dll migrate`) runs and exits instead of starting the server.
if (await MigrateCommand.TryRunAsync(args) is { } exitCode)
{
    return exitCode;
}

var builder = WebApplication.CreateBuilder(args);

var dataFolder = DataFolder.Resolve(builder.Configuration, builder.Environment);

// preserveStaticLogger: each host logs through its own logger (not the static Log.Logger), so several hosts in
// one process — the test suite runs many — never write into each other's files.
builder.Services.AddSerilog(
    (services, logging) => logging
        .ReadFrom.Configuration(builder.Configuration)
        .ReadFrom.Services(services)
        .Enrich.FromLogContext()
        .Enrich.With<RedactSecretsEnricher>()
        // The framework's handler would log the exception's message and stack; the error page logs its type instead.
        .MinimumLevel.Override("Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware", Serilog.Events.LogEventLevel.Fatal)
        .MinimumLevel.Override("Microsoft.AspNetCore.Diagnostics.DeveloperExceptionPageMiddleware", Serilog.Events.LogEventLevel.Fatal)
        .WriteTo.File(new CompactJsonFormatter(), Path.Combine(dataFolder, "logs", "servicerecovery-.json"),
            rollingInterval: RollingInterval.Day, retainedFileCountLimit: 31),
    preserveStaticLogger: true);

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddHttpContextAccessor();
builder.Services.AddScoped<ICurrentUser, HttpCurrentUser>();
builder.Services.AddScoped<AuditLog>();
builder.Services.AddSingleton<UnusablePasswordCheck>();
// A wrong App:PublicBaseUrl stops the start, rather than every printed QR code pointing nowhere.
builder.Services.AddPublicAddress();
// Forwarded headers are believed only from the proxies listed in ForwardedHeaders:KnownProxies; checked here, at start.
builder.Services.AddTrustedProxies(builder.Configuration);
builder.Services.AddServiceRecoveryData(builder.Configuration, dataFolder);
builder.Services.AddScoped<DemoSeeder>();
// Per client address: sign-in, password resets, the huddle display link, the comment card.
builder.Services.AddRateLimits();
builder.Services.AddBenchmarkEndpoints();

// Each area registers its own services.
builder.Services.AddAccountLinks();
builder.Services.AddStaffSessionCheck();
builder.Services.AddQueue();
builder.Services.AddCommentCards();
builder.Services.AddHuddle();
builder.Services.AddReports(builder.Configuration);
builder.Services.AddWelcomeBacks();
builder.Services.AddHomePage();
builder.Services.AddNotifications(builder.Configuration, dataFolder);
builder.Services.AddRetention(builder.Configuration);
builder.Services.AddPatients();
builder.Services.AddFirstRunSetup();
builder.Services.AddApi();

builder.Services.AddIdentity<ApplicationUser, IdentityRole>(options =>
    {
        options.User.RequireUniqueEmail = true;
        options.Password.RequiredLength = 12;
        options.Password.RequireNonAlphanumeric = false;
        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        options.Lockout.AllowedForNewUsers = true;
    })
    .AddEntityFrameworkStores<AppDbContext>()
    .AddDefaultTokenProviders()
    .AddClaimsPrincipalFactory<AppClaimsPrincipalFactory>();
builder.Services.ConfigureApplicationCookie(options =>
{
    options.LoginPath = "/Account/SignIn";
    options.LogoutPath = "/Account/SignOut";
    options.AccessDeniedPath = "/Account/AccessDenied";
    options.Cookie.Name = "sr.auth";
    options.Cookie.HttpOnly = true;
    options.Cookie.SameSite = SameSiteMode.Strict;
    options.Cookie.SecurePolicy = builder.Environment.IsProduction() ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
    options.ExpireTimeSpan = TimeSpan.FromHours(8);
    options.SlidingExpiration = true;
    // A signed-in user without the role gets a plain 403 (shown as the friendly "Not allowed" page), not a redirect.
    options.Events.OnRedirectToAccessDenied = context =>
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    };
});
builder.Services.AddAuthorizationBuilder().AddAppPolicies();
builder.Services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.FromMinutes(1));
builder.Services.AddAntiforgery(options =>
{
    options.Cookie.Name = "sr.af";
    options.Cookie.SameSite = SameSiteMode.Strict;
    options.Cookie.SecurePolicy = builder.Environment.IsProduction() ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
});
builder.Services.AddDataProtection().SetApplicationName("ServiceRecovery").PersistKeysToDbContext<AppDbContext>();

builder.Services.AddMediator(options =>
{
    options.ServiceLifetime = ServiceLifetime.Scoped;
    // Logging, then who may (before anything reads the request's fields), then the shape of the fields, then one transaction.
    options.PipelineBehaviors = [typeof(LoggingBehavior<,>), typeof(AuthorizationBehavior<,>), typeof(ValidationBehavior<,>), typeof(TransactionBehavior<,>)];
});
builder.Services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Scoped);

builder.Services.AddRazorPages(options =>
{
    options.RootDirectory = "/Features";
    options.Conventions.AuthorizeFolder("/");
    options.Conventions.AllowAnonymousToPage("/Account/SignIn");
    options.Conventions.AddPageApplicationModelConvention("/Account/SignIn", page => page.EndpointMetadata.Add(new EnableRateLimitingAttribute(RateLimits.SignIn)));
    // Forgot password and the emailed invitation or reset link: anonymous, and limited per client address like sign-in.
    options.Conventions.AllowAnonymousToPage("/Account/ForgotPassword");
    options.Conventions.AddPageApplicationModelConvention("/Account/ForgotPassword", page => page.EndpointMetadata.Add(new EnableRateLimitingAttribute(RateLimits.PasswordReset)));
    options.Conventions.AllowAnonymousToPage("/Account/SetPassword");
    options.Conventions.AddPageApplicationModelConvention("/Account/SetPassword", page => page.EndpointMetadata.Add(new EnableRateLimitingAttribute(RateLimits.SignIn)));
    options.Conventions.AllowAnonymousToPage("/Account/AccessDenied");
    options.Conventions.AllowSetupPage();
    options.Conventions.AllowAnonymousToPage("/Errors/Index");
    options.Conventions.AllowAnonymousToPage("/Huddle/Display");
    options.Conventions.AddPageApplicationModelConvention("/Huddle/Display", page => page.EndpointMetadata.Add(new EnableRateLimitingAttribute(RateLimits.Public)));
    // The patients' comment card (/feedback/{slug} and its thank-you page): public, and limited per client address.
    options.Conventions.AllowAnonymousToFolder("/Feedback");
    options.Conventions.AddFolderApplicationModelConvention("/Feedback", page => page.EndpointMetadata.Add(new EnableRateLimitingAttribute(RateLimits.CommentCard)));
    // The recovery survey (/survey/{token} and its thank-you page): public, and limited per client address as the comment card is.
    options.Conventions.AllowAnonymousToFolder("/Surveys");
    options.Conventions.AddFolderApplicationModelConvention("/Surveys", page => page.EndpointMetadata.Add(new EnableRateLimitingAttribute(RateLimits.CommentCard)));
}).AddMvcOptions(options =>
{
    // A request the pipeline refuses (AuthorizationBehavior) is shown as the friendly "Not allowed" page.
    options.Filters.Add<AccessDeniedFilter>();
    // A database that is locked, full or failing is shown as the friendly 503 "Not saved" page.
    options.Filters.Add<StoreUnavailableFilter>();
    options.Filters.Add<UnknownHandlerFilter>();
    var messages = options.ModelBindingMessageProvider;
    messages.SetAttemptedValueIsInvalidAccessor((_, field) => $"Enter a valid value for {field}.");
    messages.SetValueMustBeANumberAccessor(field => $"{field} must be a number.");
    messages.SetMissingBindRequiredValueAccessor(field => $"{field} is required.");
    messages.SetValueIsInvalidAccessor(_ => "Choose a value from the list.");
    messages.SetValueMustNotBeNullAccessor(field => $"{field} is required.");
});
builder.Services.AddHealthChecks()
    .AddDbContextCheck<AppDbContext>("database", tags: ["ready"])
    // Reading is not enough: a locked or full database refuses writes while it still answers queries.
    .AddCheck<WritableStoreCheck>("database-writable", tags: ["ready"]);

var app = builder.Build();
if (SetupCommandLine.IsCommand(args))
{
    return await SetupCommandLine.RunAsync(app.Services, args[1..], Console.In, Console.Out);
}

app.UseTrustedProxies();
app.UseCorrelationId();
app.UseSerilogRequestLogging(options =>
{
    // This host's own logger (see preserveStaticLogger above). The request path is logged, never the query string.
    options.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
    options.EnrichDiagnosticContext = (diagnostics, http) =>
        diagnostics.Set("UserId", http.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value ?? "anonymous");
});
// Inside the request logging: an exception is handled here first, so no log event carries its message
// (which may quote what a user typed); the error page logs the exception's type only.
if (app.Environment.IsDevelopment())
{
    app.UseDeveloperExceptionPage();
}
else
{
    app.UseExceptionHandler("/Errors");
    app.UseHsts();
    // Plain HTTP goes to the app's HTTPS endpoint when it has one (Kestrel with a certificate); behind a proxy that
    // terminates HTTPS the request is already HTTPS here, and an app without an HTTPS endpoint serves as it is.
    app.UseHttpsRedirection();
}

if (app.Environment.IsProduction())
{
    // Where the cookies are Secure-only: plain HTTP that was not redirected gets a clear 400, never a half-working page.
    app.UseHttpsOnly();
}

app.UseSecurityHeaders();
app.UseStatusCodePagesWithReExecute("/Errors", "?status={0}");
app.UseRouting();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();

app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
app.MapHealthChecks("/health/ready", new HealthCheckOptions
{
    Predicate = check => check.Tags.Contains("ready"),
    // Degraded (email is stuck) still answers 200: a load balancer must not pull an instance that serves staff.
    ResultStatusCodes = { [HealthStatus.Healthy] = StatusCodes.Status200OK, [HealthStatus.Degraded] = StatusCodes.Status200OK, [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable },
}).AllowAnonymous();
// Static files from the build's manifest: compressed at build time (gzip, and Brotli when published), fingerprinted
// names with a year's immutable caching, ETags for the rest. Open to all, like the files themselves.
// Only the files the build listed: no catch-all for files added since (which the framework adds for a built app).
app.Configuration["DisableStaticAssetNotFoundRuntimeFallback"] = "true";
app.MapStaticAssets().AllowAnonymous();
app.MapRazorPages().WithStaticAssets();
app.MapBenchmarkEndpoints();
app.MapApi();

await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
