using ServiceRecovery.Domain.Tests.Builders;

namespace ServiceRecovery.Domain.Tests.Cases;

public class RepeatFailureTests
{
    private static readonly DateTimeOffset ThisDefect = A.Now.AddMinutes(-30);

    private static RepeatFailure.EarlierCase Earlier(DateTimeOffset occurredAt, CaseStatus status = CaseStatus.Resolved, string reference = "SR-2025-0042",
        string? ownerId = null) =>
        new(Guid.NewGuid(), reference, occurredAt, status, ownerId);

    private static RepeatFailure.Manager Manager(string id, string name, int openCases, StaffRole role = StaffRole.PracticeManager) =>
        new(id, name, role, openCases);

    private static RecoveryCase OpenCase(Severity severity, Actor? loggedBy = null)
    {
        var practice = A.Practice();
        var defect = ServiceDefect.Log(practice.Id, A.PatientOf(practice).Id, practice.Stages[3], practice.Categories[0], severity, DefectChannel.InPerson,
            ThisDefect, "Waited forty minutes past the appointment time with no word from anyone.", loggedBy ?? A.FrontDesk, A.Now);
        return RecoveryCase.Open(practice, new CaseReference(2026, 43), defect, loggedBy ?? A.FrontDesk, A.Now);
    }

    [Theory]
    [InlineData(Severity.Minor, Severity.Moderate)]
    [InlineData(Severity.Moderate, Severity.Major)]
    [InlineData(Severity.Major, Severity.Critical)]
    [InlineData(Severity.Critical, Severity.Critical)]
    public void A_second_failure_is_raised_one_severity_level_and_Critical_stays_Critical(Severity logged, Severity raised)
    {
        var recoveryCase = OpenCase(logged);

        recoveryCase.FlagSecondFailure(Earlier(ThisDefect.AddMonths(-3)), Manager("user-manager", "Maya Manager", 0), A.Now);

        recoveryCase.Severity.ShouldBe(raised);
        recoveryCase.Defect.Severity.ShouldBe(logged, "the defect stays as it was logged");
    }

    [Fact]
    public void A_second_failure_records_the_earlier_case_goes_to_the_manager_and_says_why_on_the_timeline()
    {
        var recoveryCase = OpenCase(Severity.Minor);
        var earlier = Earlier(ThisDefect.AddMonths(-3));

        recoveryCase.FlagSecondFailure(earlier, Manager("user-manager", "Maya Manager", 2), A.Now);

        recoveryCase.IsSecondFailure.ShouldBeTrue();
        recoveryCase.RepeatOfCaseId.ShouldBe(earlier.CaseId);
        recoveryCase.RepeatOfReference.ShouldBe("SR-2025-0042");
        recoveryCase.RepeatOfOccurredAt.ShouldBe(earlier.OccurredAt);
        recoveryCase.OwnerId.ShouldBe("user-manager");
        recoveryCase.OwnerName.ShouldBe("Maya Manager");
        recoveryCase.RepeatAssignedToName.ShouldBe("Maya Manager");
        var flagged = recoveryCase.Timeline[^1];
        flagged.Kind.ShouldBe(TimelineEventKind.SecondFailure);
        flagged.ActorName.ShouldBe("Fiona Front");
        flagged.Detail.ShouldBe("Second failure: this patient's SR-2025-0042 was 3 months earlier. Severity raised from Minor to Moderate; assigned to Maya Manager.");
        flagged.Detail.ShouldNotContain("Pat Jones");
    }

    [Fact]
    public void A_critical_second_failure_says_its_severity_stays_Critical()
    {
        var recoveryCase = OpenCase(Severity.Critical);

        recoveryCase.FlagSecondFailure(Earlier(ThisDefect.AddDays(-12)), Manager("user-manager", "Maya Manager", 0), A.Now);

        recoveryCase.Timeline[^1].Detail.ShouldBe("Second failure: this patient's SR-2025-0042 was 12 days earlier. Severity stays Critical; assigned to Maya Manager.");
    }

    [Fact]
    public void A_practice_without_a_manager_keeps_the_usual_owner_and_the_timeline_says_so()
    {
        var recoveryCase = OpenCase(Severity.Minor);

        recoveryCase.FlagSecondFailure(Earlier(ThisDefect.AddMonths(-1)), null, A.Now);

        recoveryCase.OwnerName.ShouldBe("Fiona Front");
        recoveryCase.RepeatAssignedToName.ShouldBeNull();
        recoveryCase.Severity.ShouldBe(Severity.Moderate);
        recoveryCase.Timeline[^1].Detail.ShouldBe(
            "Second failure: this patient's SR-2025-0042 was 1 month earlier. Severity raised from Minor to Moderate; the practice has no practice manager to assign it to, so it stays with Fiona Front.");
    }

    [Fact]
    public void A_second_failure_is_flagged_only_at_opening()
    {
        var recoveryCase = OpenCase(Severity.Minor);
        recoveryCase.RecordFix(A.FrontDesk, "Moved the patient to the next free chair.", A.Now);

        Should.Throw<InvalidOperationException>(() => recoveryCase.FlagSecondFailure(Earlier(ThisDefect.AddMonths(-1)), null, A.Now));
        recoveryCase.Severity.ShouldBe(Severity.Minor);
    }

    [Fact]
    public void A_defect_exactly_12_months_before_counts_and_one_a_minute_earlier_does_not()
    {
        var atTheEdge = Earlier(ThisDefect.AddMonths(-12));
        var justOutside = Earlier(ThisDefect.AddMonths(-12).AddMinutes(-1));

        RepeatFailure.EarlierWithin([atTheEdge], ThisDefect).ShouldBe(atTheEdge);
        RepeatFailure.EarlierWithin([justOutside], ThisDefect).ShouldBeNull();
    }

    [Fact]
    public void A_defect_that_happened_after_this_one_does_not_make_it_a_second_failure()
    {
        RepeatFailure.EarlierWithin([Earlier(ThisDefect.AddMinutes(1))], ThisDefect).ShouldBeNull();
    }

    [Fact]
    public void A_withdrawn_earlier_case_does_not_count_because_it_was_logged_in_error()
    {
        var withdrawn = Earlier(ThisDefect.AddMonths(-2), CaseStatus.Withdrawn, "SR-2026-0001");
        var older = Earlier(ThisDefect.AddMonths(-6), CaseStatus.Closed, "SR-2025-0100");

        RepeatFailure.EarlierWithin([withdrawn], ThisDefect).ShouldBeNull();
        RepeatFailure.EarlierWithin([withdrawn, older], ThisDefect).ShouldBe(older);
    }

    [Fact]
    public void The_most_recent_earlier_defect_is_the_one_named()
    {
        var older = Earlier(ThisDefect.AddMonths(-9), reference: "SR-2025-0100");
        var recent = Earlier(ThisDefect.AddMonths(-3), CaseStatus.Open, "SR-2026-0007");

        RepeatFailure.EarlierWithin([older, recent], ThisDefect).ShouldBe(recent);
    }

    [Fact]
    public void The_earlier_cases_owner_takes_it_when_they_are_still_a_manager()
    {
        var managers = new[] { Manager("a", "Ann Able", 0), Manager("z", "Zed Zee", 9) };

        RepeatFailure.ChooseManager("z", managers)!.Name.ShouldBe("Zed Zee");
    }

    [Fact]
    public void When_the_earlier_owner_is_no_longer_a_manager_the_manager_with_fewest_open_cases_takes_it()
    {
        var managers = new[] { Manager("a", "Ann Able", 4), Manager("b", "Ben Bay", 1), Manager("c", "Cat Cole", 2) };

        RepeatFailure.ChooseManager("front-desk-who-owned-it", managers)!.Name.ShouldBe("Ben Bay");
        RepeatFailure.ChooseManager(null, managers)!.Name.ShouldBe("Ben Bay");
    }

    [Fact]
    public void Managers_with_as_many_open_cases_are_chosen_by_name()
    {
        var managers = new[] { Manager("a-first-id", "Zed Zee", 1), Manager("z-last-id", "Ann Able", 1) };

        RepeatFailure.ChooseManager(null, managers)!.Name.ShouldBe("Ann Able");
    }

    [Fact]
    public void An_administrator_takes_it_only_when_the_practice_has_no_practice_manager()
    {
        var admin = Manager("adm", "Ada Admin", 0, StaffRole.Administrator);

        RepeatFailure.ChooseManager(null, [admin, Manager("m", "Maya Manager", 5)])!.Name.ShouldBe("Maya Manager");
        RepeatFailure.ChooseManager(null, [admin])!.Name.ShouldBe("Ada Admin");
        RepeatFailure.ChooseManager(null, [Manager("f", "Fiona Front", 0, StaffRole.FrontDesk)]).ShouldBeNull();
        RepeatFailure.ChooseManager(null, []).ShouldBeNull();
    }
}
