/** Small word lists of the name checks (person.ts), read through the word table (lexicon.ts). */

/** Greetings and closings that a name follows. */
export const SALUTATION_WORDS: readonly string[] = ['dear', 'hi', 'hello', 'hey', 'hallo', 'liebe', 'lieber', 'moin', 'servus', 'olá', 'ola', 'oi', 'prezado', 'prezada', 'caro', 'cara', 'querido', 'querida', 'estimado', 'estimada', 'hola', 'bonjour', 'cher', 'chère', 'thanks', 'cheers', 'bye', 'obrigado', 'obrigada', 'danke'];

/** Role words that, capitalised before a name, introduce it like a title. */
export const ROLE_WORDS: readonly string[] = ['patient', 'customer', 'client', 'contact', 'employee', 'user', 'applicant', 'guest', 'member', 'student', 'driver', 'doctor', 'nurse', 'kunde', 'kundin', 'patientin', 'cliente', 'paciente', 'funcionário', 'aluno', 'aluna'];
