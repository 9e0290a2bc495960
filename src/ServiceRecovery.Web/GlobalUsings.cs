// The namespaces nearly every slice uses (its command, validator, handler, the context and the domain), said once
// rather than at the head of each of a hundred small files.
global using System.ComponentModel.DataAnnotations;
global using FluentValidation;
global using Mediator;
global using Microsoft.EntityFrameworkCore;
global using ServiceRecovery.Data;
global using ServiceRecovery.Domain;
global using ServiceRecovery.Web.Infrastructure.Auth;
global using ServiceRecovery.Web.Infrastructure.Pipeline;

// FluentValidation has a Severity of its own; ours is the defect's.
global using Severity = ServiceRecovery.Domain.Severity;
