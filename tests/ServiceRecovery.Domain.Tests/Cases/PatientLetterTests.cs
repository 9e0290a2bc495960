using ServiceRecovery.Domain.Tests.Builders;

namespace ServiceRecovery.Domain.Tests.Cases;

public sealed class PatientLetterTests
{
    private static LetterTemplateVersion Apology(RecoveryCase recoveryCase) =>
        LetterTemplate.Create(recoveryCase.PracticeId, LetterKind.Apology, "Apology", "We are sorry", "Dear {{ patient.first_name }},", A.Manager, A.Now).Versions[0];

    private static OutboxMessage Email(PatientLetter letter) =>
        OutboxMessage.Create(Guid.NewGuid(), EmailKind.PatientLetter, $"patient-letter:{letter.Id:N}", null, "pat@example.test", letter.Subject, letter.Text, letter.Text, A.Now);

    [Fact]
    public void A_personal_contact_letter_settles_respond_as_a_contact_by_letter_and_says_so_on_the_timeline()
    {
        var recoveryCase = A.OpenCase();
        var (letter, email) = recoveryCase.RecordLetter(A.FrontDesk, LetterPurpose.PersonalContact, LetterChannel.Letter, Apology(recoveryCase),
            "We are sorry", "Dear Pat,\r\nWe are sorry.", null, A.Now);

        email.ShouldBeNull();
        letter.Text.ShouldBe("Dear Pat,\nWe are sorry.");
        (letter.TemplateName, letter.TemplateVersion).ShouldBe(("Apology", 1));
        recoveryCase.Steps.Respond.IsSettled.ShouldBeTrue();
        recoveryCase.Contacts.ShouldHaveSingleItem().Method.ShouldBe(ContactMethod.Letter);
        recoveryCase.Timeline[^1].Detail.ShouldBe("Letter printed: Apology");
    }

    [Fact]
    public void An_outcome_email_is_kept_under_communicate_results_with_its_outbox_message_and_leaves_that_step_open()
    {
        var recoveryCase = A.OpenCase();
        var (letter, email) = recoveryCase.RecordLetter(A.Manager, LetterPurpose.Outcome, LetterChannel.Email, Apology(recoveryCase),
            "The outcome", "Dear Pat, here is what we found.", Email, A.Now);

        letter.OutboxMessageId.ShouldBe(email!.Id);
        email.DedupKey.ShouldBe($"patient-letter:{letter.Id:N}");
        recoveryCase.Steps.Communicate.IsSettled.ShouldBeFalse();
        recoveryCase.Steps.Respond.IsSettled.ShouldBeFalse();
        recoveryCase.Contacts.ShouldBeEmpty();
        recoveryCase.Timeline[^1].Step.ShouldBe(ServiceStep.CommunicateResults);
        recoveryCase.Timeline[^1].Detail.ShouldBe("Email to the patient sent: Apology");
    }

    [Fact]
    public void Empty_or_overlong_words_are_refused_by_field()
    {
        var recoveryCase = A.OpenCase();
        Should.Throw<DomainRuleException>(() => recoveryCase.RecordLetter(A.FrontDesk, LetterPurpose.PersonalContact, LetterChannel.Letter,
            Apology(recoveryCase), "Subject", "  ", null, A.Now)).Field.ShouldBe(nameof(PatientLetter.Text));
        Should.Throw<DomainRuleException>(() => recoveryCase.RecordLetter(A.FrontDesk, LetterPurpose.PersonalContact, LetterChannel.Letter,
            Apology(recoveryCase), "Subject", new string('a', PatientLetter.TextLength + 1), null, A.Now)).Field.ShouldBe(nameof(PatientLetter.Text));
        recoveryCase.Letters.ShouldBeEmpty();
    }
}
