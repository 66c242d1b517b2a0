using System;
using System.Management.Automation;

namespace CodeCatalyst.Cmdlets
{
    /// <summary>
    /// Turns the module's exceptions into ErrorRecords: the category each exception carries, a stable error id, and
    /// advice fitted to the operation that failed (see <see cref="OperationAdvice"/>).
    /// </summary>
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
                case CodeCatalystDevEnvironmentException devEnvironment:
                    errorId = devEnvironment.ErrorId;
                    break;
                case CodeCatalystAmplifyJobException amplifyJob:
                    errorId = amplifyJob.ErrorId;
                    break;
                case CodeCatalystAmplifyUploadException upload:
                    errorId = upload.ErrorId;
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
            var operation = OperationAdvice.For(exception.OperationName);
            switch (exception)
            {
                case CodeCatalystAccessDeniedException _ when operation?.IsAmplify == true:
                    return "Check the AWS credentials in use (-AccessKey and -SecretKey, -Credential, AWS_ACCESS_KEY_ID, or the profile of " +
                           $"-ProfileName or AWS_PROFILE), that they have not expired, and that they allow amplify:{exception.OperationName} in -Region.";
                case CodeCatalystAccessDeniedException _:
                    return "Check that the token is valid and not expired (Test-CCSession; Connect-CCAccount sets another), " +
                           $"and that your role in the space or project allows {exception.OperationName}.";
                case CodeCatalystResourceNotFoundException _:
                    return operation == null
                        ? "Check the names and ids given: the resource, or its space or project, does not exist or is not visible to you."
                        : $"Check {operation.Check}. {Sentence(operation.WhereToLook)}.";
                case CodeCatalystConflictException conflict:
                    return ConflictAdvice(conflict, operation);
                case CodeCatalystThrottlingException _:
                    return $"The service throttled all {exception.Attempts} attempt(s). Wait a little, or raise Connect-CCAccount -MaxAttempts.";
                case CodeCatalystServiceQuotaExceededException _:
                    return "A quota of the space is used up; free capacity or raise the space's billing tier (Get-CCSubscription shows it).";
                case CodeCatalystValidationException _ when exception.Category == ErrorCategory.InvalidOperation:
                    return operation?.WrongState ??
                           "The resource is not in a state that allows this; check its state and try again once it has changed.";
                case CodeCatalystValidationException _:
                    return operation == null
                        ? "Correct the input the service named and try again."
                        : $"Correct the input the service named and try again; Get-Help {operation.Cmdlet} -Full describes each parameter.";
            }

            if (exception.StatusCode >= 500 && Wire.OperationLookup.For(exception.OperationName)?.SentAtMostOnce == true)
            {
                // Not retried (see OperationInfo.SentAtMostOnce): the failure may have come after the change was made.
                return $"{exception.OperationName} is not sent again after a server error, because the service may have acted before it " +
                       "failed and a second attempt could do it twice. Check whether it took effect" +
                       (operation == null ? "" : $" ({operation.WhatExists})") +
                       $" before trying again; quote request id {exception.RequestId ?? "(none)"} if you contact support.";
            }

            return exception.StatusCode >= 500
                ? $"The service failed on all {exception.Attempts} attempt(s); try again later, quoting request id {exception.RequestId ?? "(none)"} if you contact support."
                : $"The service, or a proxy on the way to it, refused the request with HTTP {exception.StatusCode}; check the " +
                  (operation?.IsAmplify == true ? "endpoint and Region (-EndpointUrl, AWS_ENDPOINT_URL_AMPLIFY, -Region)" : "endpoint (Test-CCSession)") +
                  " and the message.";
        }

        /// <summary>
        /// A conflict on a create means the name is taken (the category says ResourceExists); on anything else, the
        /// resource is in a state that does not allow the request yet.
        /// </summary>
        private static string ConflictAdvice(CodeCatalystConflictException conflict, OperationAdvice? operation)
        {
            if (conflict.Category == ErrorCategory.ResourceExists)
            {
                return operation == null
                    ? "Something of that name already exists, or is being created: choose another name."
                    : $"{WithArticle(operation.Resource)} of that name already exists, or is being created: choose another name. " +
                      $"{Sentence(operation.WhatExists)}.";
            }

            return operation == null
                ? "The resource is not in a state that allows this now; another change to it may be under way. Check its " +
                  "state and try again once it has settled."
                : $"The {operation.Resource} is not in a state that allows {conflict.OperationName} now; another change to it " +
                  $"may be under way. Check its state and try again once it has settled. {Sentence(operation.WhereToLook)}.";
        }

        private static string WithArticle(string noun) =>
            ("aeiou".IndexOf(noun[0]) >= 0 ? "An " : "A ") + noun;

        private static string Sentence(string text) =>
            text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);
    }
}
