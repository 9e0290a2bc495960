using System.Collections.Concurrent;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ServiceRecovery.Web.Infrastructure.Auth;

/// <summary>
/// The API's own authentication scheme: the <see cref="Header"/> header carries a practice's API key, which is found by its
/// hash. The cookie never authenticates an API call, and a key never opens a page: each scheme serves only its endpoints.
/// A key acts as its practice alone (one membership claim, at the least role), so the practice filter scopes every read
/// and write of the call to it; what it may do is its scopes (<see cref="ScopeClaim"/>), checked per endpoint.
/// </summary>
public sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    AppDbContext db, ApiCallCounter counter, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";
    public const string ScopeClaim = "sr:scope";
    public const string KeyClaim = "sr:api-key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Request.Headers[Header].ToString().Trim();
        if (presented.Length == 0)
        {
            return AuthenticateResult.NoResult();
        }

        if (presented.Length > 200)
        {
            return AuthenticateResult.Fail("The API key is not one of ours.");
        }

        // Before sign-in there is no practice to filter by: the key is found by its hash alone, which is what decides the practice.
        var hash = SecretToken.Hash(presented);
        var key = await db.ApiKeys.IgnoreQueryFilters().SingleOrDefaultAsync(k => k.SecretHash == hash, Context.RequestAborted);
        // A key of an archived practice stops with it: an archived practice takes no new patients, defects or bookings.
        if (key is null || key.IsRevoked
            || await db.Practices.IgnoreQueryFilters().AnyAsync(p => p.Id == key.PracticeId && p.ArchivedAt != null, Context.RequestAborted))
        {
            // The same answer for a key that never existed and a revoked one: a caller learns nothing from the difference.
            return AuthenticateResult.Fail("The API key is wrong or revoked.");
        }

        var now = clock.GetUtcNow();
        var calls = counter.Count(key.Id);
        if (key.NoteUse(now))
        {
            db.Audit.Add(ApiCallCounter.Audit(key, counter.Drain(key.Id), Context.Connection.RemoteIpAddress?.ToString(), now));
            try
            {
                await db.SaveChangesAsync(Context.RequestAborted);
            }
            catch (DbUpdateException)
            {
                // A key revoked at this instant, or another instance noting the same minute: the call is still the key's.
                counter.Restore(key.Id, calls);
            }

            db.ChangeTracker.Clear();
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, ActorId(key)),
            new(AppClaims.DisplayName, ActorName(key)),
            new(AppClaims.Membership, $"{key.PracticeId:D} {Data.Roles.Name(StaffRole.FrontDesk)}"),
            new(KeyClaim, key.Id.ToString("D")),
        };
        claims.AddRange(key.ScopeList.Select(s => new Claim(ScopeClaim, s)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        ApiProblem.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Not authenticated",
            Request.Headers.ContainsKey(Header)
                ? "The API key is wrong or revoked. Ask a manager of the practice for a key (Settings › API keys)."
                : $"Send the practice's API key in the {Header} header.");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiProblem.WriteAsync(Context, StatusCodes.Status403Forbidden, "Not allowed", "This API key may not do this.");

    private static string ActorId(ApiKey key) => ApiKey.ActorIdOf(key.Id);

    internal static string ActorName(ApiKey key) => $"API key {key.Prefix}…";
}

/// <summary>
/// Calls per key since its last use was written: the audit trail gets the count when the key's last use is next written
/// (at most once a minute), never what a call carried.
/// </summary>
public sealed class ApiCallCounter
{
    private readonly ConcurrentDictionary<Guid, int> _calls = new();

    /// <summary>Counts this call; returns the calls not yet written, this one included.</summary>
    public int Count(Guid keyId) => _calls.AddOrUpdate(keyId, 1, (_, n) => n + 1);

    public int Drain(Guid keyId) => _calls.TryRemove(keyId, out var n) ? n : 0;

    public void Restore(Guid keyId, int calls) => _calls.AddOrUpdate(keyId, calls, (_, n) => n + calls);

    /// <summary>Every key's calls not yet written, taken out of the counter.</summary>
    public IReadOnlyDictionary<Guid, int> DrainAll()
    {
        var drained = new Dictionary<Guid, int>();
        foreach (var keyId in _calls.Keys)
        {
            if (Drain(keyId) is var calls and > 0)
            {
                drained[keyId] = calls;
            }
        }

        return drained;
    }

    /// <summary>The audit line of a key's calls: how many, never what they carried.</summary>
    public static AuditEvent Audit(ApiKey key, int calls, string? address, DateTimeOffset now, string? when = "since its last use was noted") =>
        AuditEvent.Record(AuditKind.ApiCalls, key.PracticeId, ApiKey.ActorIdOf(key.Id), ApiKeyAuthentication.ActorName(key),
            $"{calls} API call(s) with key {key.Prefix}… {when}", address, now);
}

/// <summary>
/// At a clean stop, writes the calls each key made since its last use was noted (at most a minute's worth), so a call is
/// never left uncounted because the app stopped before the key's next call.
/// </summary>
public sealed class ApiCallFlush(ApiCallCounter counter, IServiceScopeFactory scopes, TimeProvider clock, ILogger<ApiCallFlush> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var pending = counter.DrainAll();
        if (pending.Count == 0)
        {
            return;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<PracticeScope>().LiftForSystemWork();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var ids = pending.Keys.ToList();
            var keys = await db.ApiKeys.IgnoreQueryFilters().AsNoTracking().Where(k => ids.Contains(k.Id)).ToListAsync(cancellationToken);
            var now = clock.GetUtcNow();
            db.Audit.AddRange(keys.Select(key => ApiCallCounter.Audit(key, pending[key.Id], null, now, "since its last use was noted, written as the app stopped")));
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Wrote the API call counts of {KeyCount} key(s) as the app stopped", keys.Count);
        }
        catch (Exception exception) when (exception is DbUpdateException or OperationCanceledException or InvalidOperationException or System.Data.Common.DbException)
        {
            // A stop must finish: a database that is gone or a stop cut short loses these counts, and the log says how many.
            logger.LogWarning("The API call counts of {KeyCount} key(s) ({Calls} call(s)) could not be written as the app stopped: {ExceptionType}",
                pending.Count, pending.Values.Sum(), exception.GetType().Name);
        }
    }
}

/// <summary>RFC 9457 problem details, as every refusal of the API is written.</summary>
public static class ApiProblem
{
    public const string ContentType = "application/problem+json";

    public static Task WriteAsync(HttpContext context, int status, string title, string detail, IDictionary<string, string[]>? errors = null)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = ContentType;
        var body = new Dictionary<string, object>
        {
            ["type"] = $"https://www.rfc-editor.org/rfc/rfc9110#status.{status}",
            ["title"] = title,
            ["status"] = status,
            ["detail"] = detail,
        };
        if (errors is not null)
        {
            body["errors"] = errors;
        }

        return context.Response.WriteAsJsonAsync(body, options: null, contentType: ContentType);
    }
}
