using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using ServiceRecovery.Web.Features.Appointments;

namespace ServiceRecovery.Web.Features.Api;

/// <summary>
/// POST /api/v1/appointments: the practice-management system sends up to <see cref="RecordAppointments.MaxItems"/>
/// appointments at once, each added, updated, left unchanged or refused on its own (<see cref="RecordAppointments"/>).
/// The start is read here, as text, so a start without its offset is that item's refusal rather than the whole body's.
/// </summary>
public static class PostAppointments
{
    public const string Field = "appointments";

    public sealed record Body(IReadOnlyList<BodyItem?>? Appointments);

    /// <param name="Start">ISO 8601 with an offset: <c>2026-03-14T10:30:00+11:00</c> or <c>…Z</c>.</param>
    /// <param name="Status">booked, attended, cancelled, no-show or rescheduled.</param>
    public sealed record BodyItem(string? AppointmentId, string? PmsPatientId, string? Start, string? Status);

    public sealed record Response(int Accepted, int Refused, int Added, int Updated, int Unchanged, int ReturnsRecorded, IReadOnlyList<ItemResponse> Items);

    /// <param name="Outcome">added, updated, unchanged or refused.</param>
    /// <param name="Errors">For a refused item: the field at fault and why.</param>
    /// <param name="PmsPatientId">For an item refused because the practice has no patient with this PMS id.</param>
    public sealed record ItemResponse(
        int Index,
        string? AppointmentId,
        string Outcome,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string[]>? Errors = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? PmsPatientId = null);

    public static RouteGroupBuilder MapPostAppointments(this RouteGroupBuilder api)
    {
        api.MapPost("/appointments", PostAsync)
            .WithName("PostAppointments")
            .WithTags("Appointments")
            .WithSummary("Add or update a batch of appointments by their PMS appointment id")
            .WithDescription($"Scope appointments:write. At most {RecordAppointments.MaxItems} appointments; each is added, updated, unchanged or refused on its own, "
                + "and the same batch twice changes nothing. An attended appointment after a defect records the patient's return on the open case. "
                + "200 when at least one item was accepted (refused ones are listed); 422 when every item was refused and one or more named a PMS patient id "
                + "the practice does not have (unknownPmsPatientIds); 400 when every item was refused otherwise; 409 when another call changed the same records: send the batch again.")
            .Accepts<Body>("application/json")
            .Produces<Response>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .RequireScope(ApiScopes.AppointmentsWrite);
        return api;
    }

    private static async Task<IResult> PostAsync(HttpContext http, IMediator mediator, ICurrentUser user, CancellationToken cancellationToken)
    {
        var (body, refusal) = await ApiBody.ReadAsync<Body>(http.Request, ApiRegistration.MaxBodyBytes, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var items = body!.Appointments;
        if (items is null || items.Count == 0 || items.Count > RecordAppointments.MaxItems)
        {
            return ApiBody.Refused(false, [new FieldError(Field, items is null || items.Count == 0
                ? "Send at least one appointment in \"appointments\"."
                : $"Send at most {RecordAppointments.MaxItems} appointments in one call; this one has {items.Count}. Send the rest in further calls.")]);
        }

        // A start that is not a date with its offset is refused here; the rest go to the command, which numbers them from 0.
        var responses = new ItemResponse?[items.Count];
        var sent = new List<(int Index, BodyItem Item, DateTimeOffset Start)>(items.Count);
        for (var index = 0; index < items.Count; index++)
        {
            var item = items[index] ?? new BodyItem(null, null, null, null);
            if (item.Start is not null && AppointmentStart.Iso(item.Start) is null)
            {
                responses[index] = Refusal(index, item.AppointmentId, Appointment.Fields.Start, AppointmentStart.IsoMessage);
            }
            else
            {
                sent.Add((index, item, AppointmentStart.Iso(item.Start) ?? default));
            }
        }

        var returns = 0;
        if (sent.Count > 0)
        {
            var command = new RecordAppointments.Command(user.PracticeIds.Single(),
                [.. sent.Select(s => new RecordAppointments.Item(s.Item.AppointmentId, s.Item.PmsPatientId, s.Item.Start is null ? null : s.Start, s.Item.Status))],
                AppointmentSource.Api);
            var result = await mediator.Send(command, cancellationToken);
            if (result.Conflict is not null)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Changed at the same time",
                    detail: "Another call changed some of these appointments at the same moment, so nothing of this batch was saved. Send the same batch again: it is safe to repeat.");
            }

            if (!result.Succeeded)
            {
                return ApiBody.Refused(result.IsNotFound, result.Errors);
            }

            foreach (var r in result.Value!.Items)
            {
                var (index, item, _) = sent[r.Index];
                responses[index] = r.Outcome == RecordAppointments.Outcome.Refused
                    ? Refusal(index, item.AppointmentId, r.Field ?? "", r.Message ?? "Refused.", r.UnknownPatient ? item.PmsPatientId?.Trim() : null)
                    : new ItemResponse(index, item.AppointmentId, r.Outcome.ToString().ToLowerInvariant());
            }

            returns = result.Value.ReturnsRecorded;
        }

        var all = responses.Select(r => r!).ToList();
        var response = new Response(
            Accepted: all.Count(r => r.Outcome != "refused"),
            Refused: all.Count(r => r.Outcome == "refused"),
            Added: all.Count(r => r.Outcome == "added"),
            Updated: all.Count(r => r.Outcome == "updated"),
            Unchanged: all.Count(r => r.Outcome == "unchanged"),
            ReturnsRecorded: returns,
            Items: all);
        if (response.Accepted > 0)
        {
            return TypedResults.Ok(response);
        }

        var unknown = all.Select(r => r.PmsPatientId).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var problem = new ProblemDetails
        {
            Status = unknown.Count > 0 ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status400BadRequest,
            Title = unknown.Count > 0 ? "Unknown PMS patient" : "Every appointment refused",
            Detail = unknown.Count > 0
                ? "Every appointment was refused, and some name a PMS patient id the practice does not have: send those patients first (PUT /api/v1/patients/{pmsId}), then the appointments again."
                : "Every appointment was refused: see each item's errors.",
            Extensions = { ["items"] = all },
        };
        if (unknown.Count > 0)
        {
            problem.Extensions["unknownPmsPatientIds"] = unknown;
        }

        return TypedResults.Problem(problem);
    }

    private static ItemResponse Refusal(int index, string? appointmentId, string field, string message, string? unknownPatient = null) =>
        new(index, appointmentId, "refused", new Dictionary<string, string[]> { [field.Length == 0 ? "item" : field] = [message] }, unknownPatient);
}
