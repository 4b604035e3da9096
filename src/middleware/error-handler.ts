// Express's end of the error path: what no router answered is a 404, and every error goes to the one sendError.
import type { NextFunction, Request, Response } from 'express';
import { HttpError } from '../http/http-error.js';
import type { SendError } from '../http/send-error.js';

export function notFound(req: Request, _res: Response, next: NextFunction): void {
  next(new HttpError(404, `no page at ${req.path}`));
}

export function errorHandler(sendError: SendError) {
  // Four parameters, because that is how Express recognises an error handler.
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => sendError(error, req, res);
}
