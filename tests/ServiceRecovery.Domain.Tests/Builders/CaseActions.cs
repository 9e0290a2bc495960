namespace ServiceRecovery.Domain.Tests.Builders;

/// <summary>Does what "done" means for each SERVICE step, the ordinary way staff would.</summary>
internal static class CaseActions
{
    public const decimal SmallGesture = 20m;

    public static void Complete(this RecoveryCase recoveryCase, ServiceStep step, DateTimeOffset at, Actor? by = null)
    {
        var who = by ?? A.Manager;
        var day = DateOnly.FromDateTime(at.UtcDateTime);
        switch (step)
        {
            case ServiceStep.SaySorry:
                recoveryCase.RecordApology(who, who.Name, ApologyMethod.InPerson, at, at);
                break;
            case ServiceStep.ExpediteSolutions:
                recoveryCase.RecordFix(who, "Moved the patient to the next free chair.", at);
                break;
            case ServiceStep.Respond:
                recoveryCase.RecordContact(who, ContactMethod.Call, at, "Called to check the patient got home well.", at);
                break;
            case ServiceStep.Victory:
                recoveryCase.GiveGesture(who, GestureKind.Discount, SmallGesture, null, GestureLimits.Default, at);
                break;
            case ServiceStep.ImplementImprovements:
                recoveryCase.LinkImprovement(A.ImprovementFor(recoveryCase.PracticeId), who, at);
                break;
            case ServiceStep.CommunicateResults:
                recoveryCase.RecordLesson(who, "Tell waiting patients as soon as the book runs late.", at);
                recoveryCase.MarkLessonsShared(who, day, A.Locale, at);
                break;
            case ServiceStep.ExtendOutcome:
                recoveryCase.RecordReturn(who, day, "Six-monthly check-up", A.Locale, at);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(step));
        }
    }

    /// <summary>Completes every step but the ones named, in SERVICE order, a minute apart from <paramref name="from"/>.</summary>
    public static void CompleteAllExcept(this RecoveryCase recoveryCase, DateTimeOffset from, params ServiceStep[] except)
    {
        var at = from;
        foreach (var step in ServiceSteps.InOrder.Where(s => !except.Contains(s)))
        {
            recoveryCase.Complete(step, at);
            at = at.AddMinutes(1);
        }
    }

    /// <summary>A case with every step done: Resolved.</summary>
    public static RecoveryCase ResolvedCase()
    {
        var recoveryCase = A.OpenCase();
        recoveryCase.CompleteAllExcept(A.Now.AddMinutes(5));
        return recoveryCase;
    }

    /// <summary>A resolved case a manager has closed after review.</summary>
    public static RecoveryCase ClosedCase()
    {
        var recoveryCase = ResolvedCase();
        recoveryCase.Close(A.Manager, A.Now.AddDays(1));
        return recoveryCase;
    }

    public static RecoveryCase WithdrawnCase()
    {
        var recoveryCase = A.OpenCase();
        recoveryCase.Withdraw(A.Manager, "Logged twice by mistake", A.Now.AddMinutes(5));
        return recoveryCase;
    }
}
