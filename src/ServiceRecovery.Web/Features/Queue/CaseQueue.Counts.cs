namespace ServiceRecovery.Web.Features.Queue;

public static partial class CaseQueue
{
    /// <summary>How many cases of the filter (without its step and severity) have this step, severity and overdue flag.</summary>
    public sealed record CountCell(ServiceStep? Step, Severity Severity, bool Overdue, int Count);

    /// <summary>The queue's counts, as the page shows them.</summary>
    public sealed record Counts(int Total, IReadOnlyDictionary<ServiceStep, int> ByStep, IReadOnlyDictionary<Severity, int> BySeverity, int Overdue)
    {
        /// <summary>
        /// The counts from the grouped cells: the total and the overdue count within the whole filter; the counts by step
        /// ignore the step filter and the counts by severity the severity filter, so each facet shows what choosing another
        /// value would list. A case without a current step is counted everywhere but by step.
        /// </summary>
        public static Counts Of(IEnumerable<CountCell> cells, ServiceStep? step, Severity? severity)
        {
            int total = 0, overdue = 0;
            var byStep = new Dictionary<ServiceStep, int>();
            var bySeverity = new Dictionary<Severity, int>();
            foreach (var cell in cells)
            {
                var stepMatches = step is null || cell.Step == step;
                var severityMatches = severity is null || cell.Severity == severity;
                if (stepMatches && severityMatches)
                {
                    total += cell.Count;
                    overdue += cell.Overdue ? cell.Count : 0;
                }

                if (severityMatches && cell.Step is { } cellStep)
                {
                    byStep[cellStep] = byStep.GetValueOrDefault(cellStep) + cell.Count;
                }

                if (stepMatches)
                {
                    bySeverity[cell.Severity] = bySeverity.GetValueOrDefault(cell.Severity) + cell.Count;
                }
            }

            return new Counts(total, byStep, bySeverity, overdue);
        }
    }
}
