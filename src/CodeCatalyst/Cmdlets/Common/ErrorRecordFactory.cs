using System;
using System.Management.Automation;

namespace CodeCatalyst.Cmdlets
{
    /// <summary>Turns the module's exceptions into ErrorRecords: the category each exception carries, a stable error id, and advice.</summary>
    internal static class ErrorRecordFactory
    {
        public static ErrorRecord Create(Exception exception, object? target)
        {
            string errorId;
            string? advice = null;

            switch (exception)
            {
                case CodeCatalystInputException input:
                    errorId = "InvalidParameterValue";
                    target ??= input.ParameterName;
                    break;
                case CodeCatalystConfigurationException configuration:
                    errorId = configuration.ErrorId;
                    break;
                case CodeCatalystTransportException transport:
                    errorId = transport.TimedOut ? "RequestTimedOut" : "ConnectionFailed";
                    break;
                case CodeCatalystServiceException service:
                    errorId = service.ErrorCode;
                    advice = AdviceFor(service);
                    break;
                case CodeCatalystInvalidResultException invalid:
                    // Kind first, then the operation: "InvalidResult.ListWorkflowRuns".
                    errorId = invalid.ErrorId + "." + invalid.OperationName;
                    break;
                case CodeCatalystWorkflowRunException run:
                    errorId = run.ErrorId;
                    break;
                default:
                    errorId = "UnexpectedError";
                    break;
            }

            var category = exception is CodeCatalystException known ? known.Category : ErrorCategory.NotSpecified;
            var record = new ErrorRecord(exception, errorId, category, target);
            record.ErrorDetails = new ErrorDetails(exception.Message);
            if (advice != null) record.ErrorDetails.RecommendedAction = advice;
            return record;
        }

        private static string? AdviceFor(CodeCatalystServiceException exception)
        {
            switch (exception)
            {
                case CodeCatalystAccessDeniedException _:
                    return "Check that the token is valid and not expired (Test-CCSession), and that your user may do this in the space.";
                case CodeCatalystResourceNotFoundException _:
                    return "Check the space, project and id (Get-CCWorkflow, Get-CCWorkflowRun list what exists).";
                case CodeCatalystThrottlingException _:
                    return $"The service throttled all {exception.Attempts} attempt(s). Wait a little, or raise Connect-CCAccount -MaxAttempts.";
                case CodeCatalystServiceQuotaExceededException _:
                    return "A quota of the space is used up; free capacity or raise the space's billing tier.";
                case CodeCatalystValidationException _:
                    return "Correct the input the service named and try again.";
            }

            return exception.StatusCode >= 500
                ? $"The service failed on all {exception.Attempts} attempt(s); try again later, quoting request id {exception.RequestId ?? "(none)"} if you contact support."
                : null;
        }
    }
}
