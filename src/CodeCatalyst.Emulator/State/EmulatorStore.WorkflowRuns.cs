using System.Globalization;
using CodeCatalyst.Emulator.Protocol;

namespace CodeCatalyst.Emulator.State;

/// <summary>A run as handlers see it: an immutable copy taken under the lock.</summary>
internal sealed record WorkflowRunView(
    string SpaceName,
    string ProjectName,
    string Id,
    string WorkflowId,
    string WorkflowName,
    DateTimeOffset StartTime,
    WorkflowRunSnapshot Snapshot,
    string NewestFirstSortKey);

internal sealed partial class EmulatorStore
{
    /// <summary>How far apart seeded runs start, and how long each took.</summary>
    private static readonly TimeSpan SeededRunSpacing = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan SeededRunDuration = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Starts a run, honouring the workflow's run mode. A client token already used for the same workflow
    /// returns the run it created instead of starting another.
    /// </summary>
    public WorkflowRunView StartWorkflowRun(
        string spaceName, string projectName, string workflowId, string? clientToken, CallerContext? caller = null)
    {
        lock (gate)
        {
            var project = FindProject(spaceName, projectName);
            var workflow = FindWorkflow(project, workflowId);
            var now = Now();

            if (clientToken is not null && project.RunsByClientToken.TryGetValue(clientToken, out var earlierRun))
            {
                return earlierRun.Workflow == workflow
                    ? ToView(earlierRun, now)
                    : throw ApiException.Conflict(
                        $"The client token '{clientToken}' was already used to start a run of a different workflow.");
            }

            var runsOfWorkflow = project.WorkflowRuns.Values.Where(run => run.Workflow == workflow).ToList();
            var beginsAt = now;
            switch (workflow.RunMode)
            {
                case WorkflowRunModes.Queued:
                    // Waits behind every run of the workflow still active, and reports PROVISIONING meanwhile.
                    foreach (var run in runsOfWorkflow.Where(run => run.EffectiveEndTime > beginsAt))
                    {
                        beginsAt = run.EffectiveEndTime;
                    }

                    break;
                case WorkflowRunModes.Superseded:
                    foreach (var run in runsOfWorkflow)
                    {
                        run.Supersede(now);
                    }

                    break;
            }

            var inProgressAt = beginsAt + Scaled(workflow.ProvisioningTime);
            var newRun = new WorkflowRunState(
                workflow,
                Guid.NewGuid().ToString(),
                nextSequence++,
                now,
                inProgressAt,
                inProgressAt + Scaled(workflow.RunDuration),
                workflow.Outcome);
            project.WorkflowRuns.Add(newRun.Id, newRun);
            if (clientToken is not null)
            {
                project.RunsByClientToken.Add(clientToken, newRun);
            }

            AppendEvent(project.Space, "StartWorkflowRun", now, caller, project);
            return ToView(newRun, now);
        }
    }

    public WorkflowRunView GetWorkflowRun(string spaceName, string projectName, string runId)
    {
        lock (gate)
        {
            var project = FindProject(spaceName, projectName);
            var run = project.WorkflowRuns.GetValueOrDefault(runId)
                ?? throw ApiException.NotFound($"The workflow run '{runId}' was not found in project '{projectName}'.");
            return ToView(run, Now());
        }
    }

    /// <summary>Runs of the project (or of one workflow), newest first.</summary>
    public IReadOnlyList<WorkflowRunView> ListWorkflowRuns(string spaceName, string projectName, string? workflowId)
    {
        lock (gate)
        {
            var project = FindProject(spaceName, projectName);
            var workflow = workflowId is null ? null : FindWorkflow(project, workflowId);
            var now = Now();
            return project.WorkflowRuns.Values
                .Where(run => workflow is null || run.Workflow == workflow)
                .Select(run => ToView(run, now))
                .OrderBy(view => view.NewestFirstSortKey, StringComparer.Ordinal)
                .ToList();
        }
    }

    /// <summary>
    /// Adds <paramref name="count"/> runs that already finished with the workflow's outcome, one a minute apart,
    /// ending before now and older than every existing run, so paging tests need not wait for real runs.
    /// </summary>
    public IReadOnlyList<string> SeedFinishedRuns(string spaceName, string projectName, string workflowId, int count)
    {
        lock (gate)
        {
            var project = FindProject(spaceName, projectName);
            var workflow = FindWorkflow(project, workflowId);
            var now = Now();
            var oldestExistingStart = project.WorkflowRuns.Values
                .Select(run => run.StartTime)
                .Append(now)
                .Min();
            var createdIds = new List<string>(count);
            for (var index = 1; index <= count; index++)
            {
                var startTime = oldestExistingStart - index * SeededRunSpacing;
                var run = new WorkflowRunState(
                    workflow,
                    Guid.NewGuid().ToString(),
                    nextSequence++,
                    startTime,
                    startTime,
                    startTime + SeededRunDuration,
                    workflow.Outcome);
                project.WorkflowRuns.Add(run.Id, run);
                createdIds.Add(run.Id);
            }

            return createdIds;
        }
    }

    private static WorkflowRunView ToView(WorkflowRunState run, DateTimeOffset now)
    {
        // Later start first, then later creation first; inverted numbers make an ascending ordinal key.
        var sortKey = string.Create(
            CultureInfo.InvariantCulture,
            $"{long.MaxValue - run.StartTime.UtcTicks:D19}.{long.MaxValue - run.Sequence:D19}");
        var project = run.Workflow.Project;
        return new WorkflowRunView(
            project.Space.Name,
            project.Name,
            run.Id,
            run.Workflow.Id,
            run.Workflow.Name,
            run.StartTime,
            run.SnapshotAt(now),
            sortKey);
    }
}
