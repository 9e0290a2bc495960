using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Scalar.AspNetCore;
using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Api;

/// <summary>
/// The JSON API for a practice-management system, versioned in the path (/api/v1), authenticated by an API key of one
/// practice (<see cref="ApiKeyAuthentication"/>, never the cookie), limited per key, and described by an OpenAPI document
/// at /api/v1/openapi.json with a reference page at /api/v1/docs. Every refusal is RFC 9457 problem details (ADR 0014).
/// </summary>
public static class ApiRegistration
{
    public const string Prefix = "/api/v1";
    public const string DocumentName = "v1";

    /// <summary>The largest request body the API reads; a larger one is refused with 413 before it is parsed.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    public static IServiceCollection AddApi(this IServiceCollection services)
    {
        services.AddSingleton<ApiCallCounter>();
        services.AddHostedService<ApiCallFlush>();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        services.AddOpenApi(DocumentName, options =>
        {
            // The API's endpoints only: the pages and the health checks are not part of it.
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/v1/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "ServiceRecovery API";
                document.Info.Description = $"For a practice-management system. Send the practice's API key in the {ApiKeyAuthentication.Header} header; errors are RFC 9457 problem details.";
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[ApiKeyAuthentication.SchemeName] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Header,
                    Name = ApiKeyAuthentication.Header,
                    Description = "An API key of the practice, created by a manager at Settings › API keys.",
                };
                document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyAuthentication.SchemeName, document)] = [] }];
                return Task.CompletedTask;
            });
        });
        return services;
    }

    public static WebApplication MapApi(this WebApplication app)
    {
        app.MapOpenApi(Prefix[..^DocumentName.Length] + "{documentName}/openapi.json").AllowAnonymous();
        // Scalar's page configures itself with an inline script: it gets its own narrow policy, and no other page does.
        app.MapScalarApiReference(Prefix + "/docs", options => options
                .WithTitle("ServiceRecovery API")
                .WithOpenApiRoutePattern(Prefix + "/openapi.json")
                .DisableDefaultFonts())
            .AllowAnonymous()
            .WithMetadata(new ContentSecurityPolicyMetadata(SecurityHeaders.ApiReferencePolicy));

        var api = app.MapGroup(Prefix)
            .RequireAuthorization(new AuthorizationPolicyBuilder(ApiKeyAuthentication.SchemeName).RequireAuthenticatedUser().Build())
            .RequireRateLimiting(RateLimits.ApiKey)
            .DisableAntiforgery();

        api.MapPut("/patients/{pmsId}", PutPatientAsync)
            .WithName("UpsertPatient")
            .WithTags("Patients")
            .WithSummary("Add or update a patient by their PMS id")
            .WithDescription("Scope patients:write. A new PMS id adds the patient (201); a known one updates what changed (200). A value left out keeps what the practice has.")
            .Accepts<UpsertPatient.Body>("application/json")
            .Produces<PatientResponse>(StatusCodes.Status200OK)
            .Produces<PatientResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .RequireScope(ApiScopes.PatientsWrite);

        api.MapPost("/defects", PostDefectAsync)
            .WithName("PostDefect")
            .WithTags("Defects")
            .WithSummary("Report a defect for a patient of the practice; a case opens")
            .WithDescription("Scope defects:write. The patient is named by PMS id (send them first with PUT /api/v1/patients/{pmsId}); the stage and category by id or exact name (GET /api/v1/stages). "
                + "Severity minor (default), moderate, major or critical; channel in-person (default), phone, email, letter, online-review, survey, comment-card or noticed-by-staff; "
                + "occurredAt ISO 8601 with its offset (default now). Send an Idempotency-Key header (a GUID) to retry safely: the same key again answers the same case with 200.")
            .Accepts<PostDefect.Body>("application/json")
            .Produces<DefectResponse>(StatusCodes.Status201Created)
            .Produces<DefectResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .RequireScope(ApiScopes.DefectsWrite);

        api.MapGet("/stages", GetStagesAsync)
            .WithName("ListStages")
            .WithTags("Defects")
            .WithSummary("The practice's current stages and categories")
            .WithDescription("Any key of the practice. The ids and names a defect may name, in the practice's order.")
            .Produces<ListStages.Result>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        api.MapGet("/cases/{reference}", GetCaseAsync)
            .WithName("ReadCase")
            .WithTags("Cases")
            .WithSummary("Where a case stands: its status and its seven steps")
            .WithDescription("Scope cases:read. By reference (SR-2026-0042). Status, severity, stage, the current step, the next due and each step's state "
                + "(pending, due-soon, overdue, done, skipped) with its due and settled times. Never the patient's details or the description.")
            .Produces<ReadCase.View>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .RequireScope(ApiScopes.CasesRead);
        api.MapPostAppointments();
        return app;
    }

    public const string IdempotencyHeader = "Idempotency-Key";

    public sealed record DefectResponse(string Reference, Guid CaseId, DateTimeOffset SayingSorryDue);

    private static async Task<IResult> PostDefectAsync(HttpContext http, IMediator mediator, ICurrentUser user, CancellationToken cancellationToken)
    {
        var idempotency = http.Request.Headers[IdempotencyHeader].ToString().Trim();
        var idempotencyKey = Ids.New();
        if (idempotency.Length > 0 && (!Guid.TryParse(idempotency, out idempotencyKey) || idempotencyKey == Guid.Empty))
        {
            return ApiBody.FieldProblem(IdempotencyHeader, "The Idempotency-Key header is a GUID, like 3f2b8c1e-6d4a-4f0e-9b7a-2c5d8e9f1a3b.");
        }

        var (body, refusal) = await ApiBody.ReadAsync<PostDefect.Body>(http.Request, MaxBodyBytes, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var result = await mediator.Send(new PostDefect.Command(user.PracticeIds.Single(), body!.PmsPatientId, body.Stage, body.Category, body.Severity,
            body.Channel, body.OccurredAt, body.Description, idempotencyKey), cancellationToken);
        if (result.Succeeded)
        {
            var response = new DefectResponse(result.Value!.Reference, result.Value.CaseId, result.Value.SaySorryDueAt);
            return result.Value.Created
                ? TypedResults.Created($"{Prefix}/cases/{result.Value.Reference}", response)
                : TypedResults.Ok(response);
        }

        if (result.IsNotFound)
        {
            // The PMS id is the caller's own identifier, not a patient's details: it is named so the bridge can send that patient first.
            var pmsId = body.PmsPatientId!.Trim();
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Unknown patient",
                detail: $"The practice has no patient with the PMS id \"{pmsId}\". Send the patient first (PUT {Prefix}/patients/{{pmsId}}).",
                extensions: new Dictionary<string, object?>
                {
                    ["pmsPatientId"] = pmsId,
                    ["errors"] = new Dictionary<string, string[]> { ["pmsPatientId"] = ["No patient of this practice has this PMS id."] },
                });
        }

        return ApiBody.Refused(false, result.Errors);
    }

    private static async Task<IResult> GetStagesAsync(IMediator mediator, ICurrentUser user, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new ListStages.Query(user.PracticeIds.Single()), cancellationToken));

    private static async Task<IResult> GetCaseAsync(string reference, IMediator mediator, ICurrentUser user, CancellationToken cancellationToken)
    {
        if (!CaseReference.TryParse(reference, out var parsed))
        {
            return ApiBody.FieldProblem("reference", "A case reference looks like SR-2026-0042.");
        }

        var view = await mediator.Send(new ReadCase.Query(user.PracticeIds.Single(), parsed), cancellationToken);
        return view is null ? ApiBody.Refused(true, []) : TypedResults.Ok(view);
    }

    public sealed record PatientResponse(Guid Id, string PmsId, bool Created);

    private static async Task<IResult> PutPatientAsync(string pmsId, HttpContext http, IMediator mediator, ICurrentUser user, CancellationToken cancellationToken)
    {
        var (body, refusal) = await ApiBody.ReadAsync<UpsertPatient.Body>(http.Request, MaxBodyBytes, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var result = await mediator.Send(new UpsertPatient.Command(user.PracticeIds.Single(), pmsId, body!.Name, body.Phone, body.Email), cancellationToken);
        if (result.Succeeded)
        {
            var response = new PatientResponse(result.Value!.PatientId, pmsId, result.Value.Created);
            return result.Value.Created
                ? TypedResults.Created($"{Prefix}/patients/{Uri.EscapeDataString(pmsId)}", response)
                : TypedResults.Ok(response);
        }

        return ApiBody.Refused(result.IsNotFound, result.Errors);
    }

    internal static RouteHandlerBuilder RequireScope(this RouteHandlerBuilder endpoint, string scope) => endpoint
        .WithMetadata(new ApiScopeMetadata(scope))
        .AddEndpointFilter(async (context, next) => context.HttpContext.User.HasClaim(ApiKeyAuthentication.ScopeClaim, scope)
            ? await next(context)
            : TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Scope missing",
                detail: $"This API key does not have the scope {scope}. A manager can create a key with it at Settings › API keys.",
                extensions: new Dictionary<string, object?> { ["scope"] = scope }));
}

/// <summary>The scope an endpoint of the API needs, for the reference page and the tests.</summary>
public sealed record ApiScopeMetadata(string Scope);

/// <summary>Reading a request body of the API: bounded in size, JSON, and every refusal problem details.</summary>
public static class ApiBody
{
    public static async Task<(T? Body, IResult? Refusal)> ReadAsync<T>(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
        where T : class
    {
        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }

        // Read at most one byte over the limit, whatever the Content-Length said (or whether it was sent at all).
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes)
            {
                return (null, TooLarge(maxBytes));
            }
        }

        try
        {
            buffer.Position = 0;
            var body = buffer.Length == 0 ? null : await JsonSerializer.DeserializeAsync<T>(buffer, JsonSerializerOptions.Web, cancellationToken);
            return body is null
                ? (null, TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Body required", detail: "Send a JSON object in the request body."))
                : (body, null);
        }
        catch (JsonException e)
        {
            // Where the JSON broke, never what it said: it may carry a patient's details.
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed JSON",
                detail: $"The body is not valid JSON for this request (at line {(e.LineNumber ?? 0) + 1}, position {(e.BytePositionInLine ?? 0) + 1}).",
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["body"] = ["Not valid JSON for this request."] } }));
        }
    }

    /// <summary>A command's refusal: 404 for what the key's practice does not have, else 400 with the messages keyed by field.</summary>
    public static ProblemHttpResult Refused(bool notFound, IReadOnlyList<FieldError> errors)
    {
        if (notFound)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "The practice of this API key has no such record.");
        }

        var byField = errors.GroupBy(e => FieldName(e.Field)).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
        return TypedResults.Problem(new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "Refused",
            Detail = string.Join(" ", errors.Select(e => e.Message)),
            Extensions = { ["errors"] = byField },
        });
    }

    /// <summary>A 400 for one field of the request (a header, a path value) that is not of the right shape.</summary>
    public static ProblemHttpResult FieldProblem(string field, string message) => TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest,
        title: "Refused", detail: message, extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [message] } });

    private static string FieldName(string field) => field.Length == 0 ? "body" : char.ToLowerInvariant(field[0]) + field[1..];

    private static ProblemHttpResult TooLarge(int maxBytes) => TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Body too large",
        detail: $"The body is over the limit of {maxBytes / 1024} KB.");
}
