using ServiceRecovery.Domain.Tests.Builders;

namespace ServiceRecovery.Domain.Tests.Cases;

/// <summary>A practice's own system opens a case through the API with its key: the key is the author, nobody owns it yet.</summary>
public class ApiOpenedCaseTests
{
    [Fact]
    public void A_case_opened_by_an_api_key_has_no_owner_and_the_key_named_by_its_name_writes_the_first_event()
    {
        var practice = A.Practice();
        var (key, _) = ApiKey.Create(practice.Id, "Reception kiosk", [ApiScopes.DefectsWrite], A.Manager, A.Now);
        var patient = A.PatientOf(practice);
        var defect = ServiceDefect.Log(practice.Id, patient.Id, practice.Stages[0], null, Severity.Minor, DefectChannel.Phone,
            A.Now.AddMinutes(-10), "Call dropped twice.", key.AsActor(), A.Now);

        var opened = RecoveryCase.OpenFromApi(practice, new CaseReference(2026, 9), defect, key.AsActor(), A.Now, Guid.NewGuid());

        opened.OwnerId.ShouldBeNull();
        opened.Status.ShouldBe(CaseStatus.Open);
        opened.CurrentStep.ShouldBe(ServiceStep.SaySorry);
        defect.LoggedByName.ShouldBe("API key “Reception kiosk”");
        var first = opened.Timeline.ShouldHaveSingleItem();
        first.ActorName.ShouldBe("API key “Reception kiosk”");
        first.ActorId.ShouldBe(ApiKey.ActorIdOf(key.Id));
        first.Detail.ShouldContain("through the API");
        first.Detail.ShouldContain("no owner yet");
    }

    [Fact]
    public void A_key_is_recognised_by_its_actor_id_and_a_person_is_not()
    {
        var (key, _) = ApiKey.Create(Guid.NewGuid(), "Phone system", [ApiScopes.DefectsWrite], A.Manager, A.Now);

        ApiKey.TryKeyIdOf(key.AsActor().UserId, out var id).ShouldBeTrue();
        id.ShouldBe(key.Id);
        ApiKey.TryKeyIdOf(A.FrontDesk.UserId, out _).ShouldBeFalse();
        ApiKey.TryKeyIdOf(null, out _).ShouldBeFalse();
    }

    [Fact]
    public void A_long_key_name_still_fits_the_author_column()
    {
        var (key, _) = ApiKey.Create(Guid.NewGuid(), new string('k', Limits.Name), [ApiScopes.DefectsWrite], A.Manager, A.Now);

        key.AsActor().Name.Length.ShouldBeLessThanOrEqualTo(Limits.Name);
    }
}
