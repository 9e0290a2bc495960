namespace ServiceRecovery.Web.Features.GettingStarted;

/// <summary>
/// The getting-started checklist of each practice the person manages: seven items, each done from a fact in the
/// database. The home page is hot, so every fact of every practice is read in one command.
/// </summary>
public static class GettingStartedChecklist
{
    /// <summary>A group's administrator sees at most this many checklists at once; dismissing one shows the next.</summary>
    public const int MaxPractices = 5;

    /// <summary>The managed practices' checklists (or one practice's), by practice name; dismissed ones too, flagged.</summary>
    [Requires(StaffRole.PracticeManager)]
    public sealed record Query(Guid? PracticeId = null, bool IncludeDismissed = false) : IQuery<IReadOnlyList<Checklist>>, ITargetsPractice
    {
        Guid? ITargetsPractice.TargetPracticeId => PracticeId;
    }

    public sealed record Checklist(Guid PracticeId, string PracticeName, bool Dismissed, IReadOnlyList<Item> Items)
    {
        public int DoneCount => Items.Count(i => i.Done);
    }

    /// <param name="Rule">When the item counts as done, in the words the page shows.</param>
    /// <param name="State">What the page says instead of "Done" or "To do" (the test email: queued, failed).</param>
    public sealed record Item(ChecklistItem Key, string Title, string Rule, string Href, bool Done, string? State = null);

    /// <summary>
    /// The practices where someone besides the first member has been brought in: the fact of "Invite staff". An invited
    /// colleague is a member from the moment of the invitation (an account without a password until the link is used),
    /// so a pending invitation counts too.
    /// </summary>
    public static IQueryable<Guid> PracticesWithStaffBroughtIn(AppDbContext db) =>
        db.Memberships.GroupBy(m => m.PracticeId).Where(g => g.Count() > 1).Select(g => g.Key);

    public sealed class Handler(AppDbContext db, ICurrentUser user) : IQueryHandler<Query, IReadOnlyList<Checklist>>
    {
        public async ValueTask<IReadOnlyList<Checklist>> Handle(Query query, CancellationToken cancellationToken)
        {
            var managed = user.PracticesWhere(StaffRole.PracticeManager);
            if (query.PracticeId is { } one)
            {
                managed = managed.Contains(one) ? [one] : [];
            }

            if (managed.Length == 0)
            {
                return [];
            }

            var staffed = PracticesWithStaffBroughtIn(db);
            var marks = db.ChecklistMarks;
            var tests = db.Outbox.Where(m => m.Kind == EmailKind.TestEmail);
            var facts = db.Practices.AsNoTracking().Where(p => managed.Contains(p.Id))
                .Select(p => new
                {
                    p.Id,
                    p.Name,
                    LastShowing = marks.Where(m => m.PracticeId == p.Id && (m.Kind == ChecklistMarkKind.Dismissed || m.Kind == ChecklistMarkKind.ShownAgain))
                        .OrderByDescending(m => m.At).Select(m => (ChecklistMarkKind?)m.Kind).FirstOrDefault(),
                    StagesLookRight = marks.Any(m => m.PracticeId == p.Id && m.Kind == ChecklistMarkKind.StagesLookRight),
                    LimitsSaved = marks.Any(m => m.PracticeId == p.Id && m.Kind == ChecklistMarkKind.LimitsSaved),
                    CardOpened = marks.Any(m => m.PracticeId == p.Id && m.Kind == ChecklistMarkKind.CommentCardOpened),
                    Staffed = staffed.Contains(p.Id),
                    HasPatients = db.Patients.Any(x => x.PracticeId == p.Id),
                    TestSent = tests.Any(m => m.PracticeId == p.Id && m.Status == OutboxStatus.Sent),
                    LatestTest = tests.Where(m => m.PracticeId == p.Id).OrderByDescending(m => m.CreatedAt).Select(m => (OutboxStatus?)m.Status).FirstOrDefault(),
                    DisplayLinkIssued = p.DisplayTokenIssuedAt != null,
                });
            if (!query.IncludeDismissed)
            {
                facts = facts.Where(f => f.LastShowing != ChecklistMarkKind.Dismissed);
            }

            var rows = await facts.OrderBy(f => f.Name).Take(MaxPractices).ToListAsync(cancellationToken);
            return rows.Select(r => new Checklist(r.Id, r.Name, r.LastShowing == ChecklistMarkKind.Dismissed,
            [
                new(ChecklistItem.StagesAndCategories, "Review stages and categories", "Done when a manager presses “Looks right” on this item.",
                    $"/settings?practice={r.Id}#Stage-title", r.StagesLookRight),
                new(ChecklistItem.LimitsAndDueTimes, "Check gesture limits and due times", "Done when a manager saves the gesture limits or the step due times (saving them unchanged counts).",
                    $"/settings?practice={r.Id}#limits-title", r.LimitsSaved),
                new(ChecklistItem.InviteStaff, "Invite your staff", "Done when the practice has a second member, invited or active.",
                    "/staff/new", r.Staffed),
                new(ChecklistItem.ImportPatients, "Import your patients", "Done when the practice has a patient.",
                    $"/patients/import?practice={r.Id}", r.HasPatients),
                new(ChecklistItem.PrintCommentCard, "Print the comment card", "Done when a manager has opened the printable card.",
                    $"/settings/comment-card?practice={r.Id}", r.CardOpened),
                new(ChecklistItem.SendTestEmail, "Send a test email", "Done when a test email has been sent.",
                    $"/settings?practice={r.Id}#test-email-title", r.TestSent,
                    r.TestSent ? null : r.LatestTest switch
                    {
                        OutboxStatus.Pending => "Queued",
                        OutboxStatus.Failed => "Failed: see Outbox",
                        _ => null,
                    }),
                new(ChecklistItem.HuddleDisplayLink, "Issue the huddle display link", "Done when a display link for the staff-room TV is issued.",
                    $"/huddle/display-link?practice={r.Id}", r.DisplayLinkIssued),
            ])).ToList();
        }
    }
}

public enum ChecklistItem
{
    StagesAndCategories = 1,
    LimitsAndDueTimes,
    InviteStaff,
    ImportPatients,
    PrintCommentCard,
    SendTestEmail,
    HuddleDisplayLink,
}
