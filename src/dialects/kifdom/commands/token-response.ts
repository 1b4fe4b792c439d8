/** The token object of login and refresh. */
import { TOKEN_LIFETIME_SECONDS } from '../tokens.ts';

export function tokenResponse(token: string) {
  return { access_token: token, token_type: 'bearer', expires_in: TOKEN_LIFETIME_SECONDS };
}
