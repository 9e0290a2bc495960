using ServiceRecovery.Domain.Tests.Builders;

namespace ServiceRecovery.Domain.Tests.Cases;

public class CommunicateResultsTests
{
    [Fact]
    public void Recording_a_lesson_does_not_complete_communicate_results()
    {
        var recoveryCase = A.OpenCase();

        var lesson = recoveryCase.RecordLesson(A.Manager, "Warn patients as soon as the book runs late.", A.Now.AddMinutes(5));

        recoveryCase.Steps.Communicate.IsSettled.ShouldBeFalse();
        recoveryCase.StateOf(ServiceStep.CommunicateResults, A.Now.AddMinutes(5)).ShouldBe(StepState.Pending);
        lesson.SharedOn.ShouldBeNull();
    }

    [Fact]
    public void Communicate_results_is_done_when_the_lesson_is_shared_at_a_huddle()
    {
        var recoveryCase = A.OpenCase();
        var lesson = recoveryCase.RecordLesson(A.Manager, "Warn patients as soon as the book runs late.", A.Now.AddMinutes(5));
        var huddle = new DateOnly(2026, 3, 11);
        var sharedAt = A.Now.AddDays(1);

        recoveryCase.MarkLessonsShared(A.Manager, huddle, A.Locale, sharedAt);

        recoveryCase.StateOf(ServiceStep.CommunicateResults, sharedAt).ShouldBe(StepState.Done);
        recoveryCase.Steps.Communicate.SettledAt.ShouldBe(sharedAt);
        lesson.SharedOn.ShouldBe(huddle);
    }

    [Fact]
    public void A_correction_of_a_shared_lesson_waits_to_be_shared_again_and_the_step_stays_done()
    {
        var recoveryCase = A.OpenCase();
        var lesson = recoveryCase.RecordLesson(A.Manager, "Pat Jones waited an hour: warn patients early.", A.Now.AddMinutes(5));
        recoveryCase.MarkLessonsShared(A.Manager, new DateOnly(2026, 3, 11), A.Locale, A.Now.AddDays(1));

        var correction = (Lesson)recoveryCase.CorrectRecord(lesson.Id, "Warn patients as soon as the book runs late.", A.FrontDesk, A.Now.AddDays(2));

        correction.SharedOn.ShouldBeNull("its wording has not been read at a huddle");
        recoveryCase.StateOf(ServiceStep.CommunicateResults, A.Now.AddDays(2)).ShouldBe(StepState.Done);
        recoveryCase.MarkLessonsShared(A.Manager, new DateOnly(2026, 3, 13), A.Locale, A.Now.AddDays(3));
        correction.SharedOn.ShouldBe(new DateOnly(2026, 3, 13));
    }

    [Fact]
    public void Marking_lessons_shared_before_any_lesson_is_recorded_is_refused()
    {
        var recoveryCase = A.OpenCase();

        Should.Throw<DomainRuleException>(() => recoveryCase.MarkLessonsShared(A.Manager, new DateOnly(2026, 3, 11), A.Locale, A.Now));

        recoveryCase.Steps.Communicate.IsSettled.ShouldBeFalse();
    }

    [Fact]
    public void A_lesson_already_shared_keeps_the_date_of_its_first_huddle()
    {
        var recoveryCase = A.OpenCase();
        var first = recoveryCase.RecordLesson(A.Manager, "Warn patients as soon as the book runs late.", A.Now);
        recoveryCase.MarkLessonsShared(A.Manager, new DateOnly(2026, 3, 11), A.Locale, A.Now.AddDays(1));
        var second = recoveryCase.RecordLesson(A.Manager, "Offer a coffee to anyone waiting over twenty minutes.", A.Now.AddDays(2));

        recoveryCase.MarkLessonsShared(A.Manager, new DateOnly(2026, 3, 13), A.Locale, A.Now.AddDays(3));

        first.SharedOn.ShouldBe(new DateOnly(2026, 3, 11));
        second.SharedOn.ShouldBe(new DateOnly(2026, 3, 13));
        recoveryCase.Steps.Communicate.SettledAt.ShouldBe(A.Now.AddDays(1));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Lesson_without_text_is_refused(string text)
    {
        var recoveryCase = A.OpenCase();

        Should.Throw<DomainRuleException>(() => recoveryCase.RecordLesson(A.Manager, text, A.Now));

        recoveryCase.Lessons.ShouldBeEmpty();
    }
}
