using QRCoder;

namespace ServiceRecovery.Web.Features.Settings;

/// <summary>The printable comment card of one of the manager's practices, and its QR code.</summary>
public static class CommentCardPrint
{
    /// <summary>One of the user's practices (the practice filter applies), or their first by name when none is given.</summary>
    [Requires(StaffRole.PracticeManager)]
    public sealed record Query(Guid? PracticeId) : IQuery<View?>, ITargetsPractice
    {
        Guid? ITargetsPractice.TargetPracticeId => PracticeId;
    }

    public sealed record View(Guid PracticeId, string PracticeName, string Slug, IReadOnlyList<Choice> Practices);

    public sealed record Choice(Guid Id, string Name);

    public sealed class Handler(AppDbContext db, ICurrentUser user) : IQueryHandler<Query, View?>
    {
        public async ValueTask<View?> Handle(Query query, CancellationToken cancellationToken)
        {
            var managed = user.PracticesWhere(StaffRole.PracticeManager);
            var practices = await db.Practices.AsNoTracking().Where(p => managed.Contains(p.Id)).OrderBy(p => p.Name)
                .Select(p => new { p.Id, p.Name, p.Slug })
                .ToListAsync(cancellationToken);
            var practice = query.PracticeId is { } id ? practices.SingleOrDefault(p => p.Id == id) : practices.FirstOrDefault();
            return practice is null
                ? null
                : new View(practice.Id, practice.Name, practice.Slug, practices.Select(p => new Choice(p.Id, p.Name)).ToList());
        }
    }

    /// <summary>Pixels per QR module: a version-3 code of about 37 modules with its margin is about 900 pixels, sharp on A4.</summary>
    public const int PixelsPerModule = 20;

    /// <summary>
    /// The QR code for <paramref name="address"/> as a PNG. Error correction level Q, so a scuffed or partly covered
    /// card at reception still scans.
    /// </summary>
    public static byte[] QrPng(string address)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(address, QRCodeGenerator.ECCLevel.Q);
        using var png = new PngByteQRCode(data);
        return png.GetGraphic(PixelsPerModule);
    }
}
