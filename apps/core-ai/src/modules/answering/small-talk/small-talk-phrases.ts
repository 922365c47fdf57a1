import type { SmallTalkIntent } from '@cxgenie/contracts';

/**
 * What customers write when they are not asking anything, per language (lowercase, without
 * punctuation). A message counts as small talk only when nothing but these phrases and the
 * filler words below is left: "hi, how do I reset my password?" is a question.
 */
export const SMALL_TALK_PHRASES: Readonly<Record<SmallTalkIntent, readonly string[]>> = {
  greeting: [
    // en
    'hi', 'hello', 'hey', 'hiya', 'howdy', 'greetings', 'good morning', 'good afternoon',
    'good evening', 'good day', 'yo',
    // es, pt, fr, de, it, nl
    'hola', 'buenos dias', 'buenas tardes', 'buenas noches', 'buenas', 'ola', 'oi', 'bom dia',
    'boa tarde', 'boa noite', 'bonjour', 'salut', 'bonsoir', 'coucou', 'hallo', 'guten tag',
    'guten morgen', 'guten abend', 'servus', 'moin', 'gruss gott', 'ciao', 'buongiorno',
    'buonasera', 'salve', 'hoi', 'goedemorgen', 'goedemiddag', 'goedenavond', 'dag',
  ],
  thanks: [
    'thanks', 'thank you', 'thanks a lot', 'thank you very much', 'thank you so much', 'thx',
    'ty', 'cheers', 'much appreciated', 'appreciate it', 'many thanks',
    'gracias', 'muchas gracias', 'mil gracias', 'obrigado', 'obrigada', 'muito obrigado',
    'muito obrigada', 'merci', 'merci beaucoup', 'danke', 'danke schon', 'dankeschon',
    'vielen dank', 'grazie', 'grazie mille', 'bedankt', 'dank je', 'dank je wel', 'dankjewel',
    'dank u', 'dank u wel',
  ],
  identity: [
    'are you a bot', 'are you a robot', 'are you human', 'are you a human', 'are you a person',
    'are you a real person', 'are you real', 'are you an ai', 'is this a bot', 'is this a robot',
    'is this a real person', 'am i talking to a bot', 'am i talking to a robot',
    'am i talking to a human', 'am i talking to a person', 'am i talking to a real person',
    'am i chatting with a bot', 'who are you', 'what are you',
    'eres un bot', 'eres un robot', 'eres humano', 'eres una persona', 'eres una persona real',
    'voce e um robo', 'voce e um bot', 'voce e humano', 'e um bot', 'es tu un robot',
    'es tu un bot', 'etes vous un robot', 'etes vous humain', 'c est un robot', 'bist du ein bot',
    'bist du ein mensch', 'sind sie ein bot', 'sind sie ein mensch', 'ist das ein bot',
    'sei un bot', 'sei un robot', 'sei umano', 'ben je een bot', 'ben je een mens',
  ],
  wellbeing: [
    'how are you', 'how are you doing', 'how is it going', 'how s it going', 'hows it going',
    'how are things', 'como estas', 'que tal', 'tudo bem', 'como vai', 'ca va', 'comment ca va',
    'comment allez vous', 'wie geht s', 'wie gehts', 'wie geht es dir', 'wie geht es ihnen',
    'come stai', 'come va', 'hoe gaat het',
  ],
  goodbye: [
    'bye', 'goodbye', 'bye bye', 'see you', 'see you later', 'have a nice day',
    'have a good day', 'talk to you later', 'adios', 'hasta luego', 'tchau', 'ate logo',
    'au revoir', 'a bientot', 'tschuss', 'auf wiedersehen', 'arrivederci', 'doei', 'tot ziens',
  ],
};

/** Words that may surround small talk without making it a question. */
export const FILLER_WORDS: ReadonlySet<string> = new Set(
  `there again so very much ok okay great perfect awesome cool nice good fine well oh ah
  all everyone folks team guys again really just you too for the help your and again
  please sir madam buddy friend mate`.split(/\s+/),
);

/** Short, friendly, never a claim about the business: the built-in replies per language. */
export const SMALL_TALK_REPLIES: Readonly<
  Record<string, Readonly<Record<SmallTalkIntent, string>>>
> = {
  en: {
    greeting: 'Hello! How can I help you today?',
    thanks: "You're welcome! Is there anything else I can help you with?",
    identity:
      "I'm an automated assistant. I answer from our help content, and a member of our team can take over whenever you need a person.",
    wellbeing: "I'm doing well, thanks for asking! How can I help you today?",
    goodbye: 'Goodbye, and thanks for getting in touch!',
  },
  es: {
    greeting: '¡Hola! ¿En qué puedo ayudarte hoy?',
    thanks: '¡De nada! ¿Hay algo más en lo que pueda ayudarte?',
    identity:
      'Soy un asistente automático. Respondo con nuestro contenido de ayuda, y una persona de nuestro equipo puede atenderte cuando lo necesites.',
    wellbeing: '¡Muy bien, gracias por preguntar! ¿En qué puedo ayudarte hoy?',
    goodbye: '¡Adiós, y gracias por escribirnos!',
  },
  pt: {
    greeting: 'Olá! Como posso ajudar hoje?',
    thanks: 'De nada! Posso ajudar com mais alguma coisa?',
    identity:
      'Sou um assistente automático. Respondo com o nosso conteúdo de ajuda, e uma pessoa da nossa equipe pode assumir sempre que precisar.',
    wellbeing: 'Tudo bem, obrigado por perguntar! Como posso ajudar hoje?',
    goodbye: 'Tchau, e obrigado pelo contato!',
  },
  fr: {
    greeting: "Bonjour ! Comment puis-je vous aider aujourd'hui ?",
    thanks: 'Avec plaisir ! Puis-je vous aider pour autre chose ?',
    identity:
      "Je suis un assistant automatique. Je réponds à partir de notre contenu d'aide, et un membre de notre équipe peut prendre le relais dès que vous le souhaitez.",
    wellbeing: "Très bien, merci de demander ! Comment puis-je vous aider aujourd'hui ?",
    goodbye: 'Au revoir, et merci de nous avoir contactés !',
  },
  de: {
    greeting: 'Hallo! Wie kann ich Ihnen heute helfen?',
    thanks: 'Gern geschehen! Kann ich Ihnen sonst noch helfen?',
    identity:
      'Ich bin ein automatischer Assistent. Ich antworte aus unseren Hilfeinhalten, und jemand aus unserem Team übernimmt, sobald Sie eine Person brauchen.',
    wellbeing: 'Mir geht es gut, danke der Nachfrage! Wie kann ich Ihnen helfen?',
    goodbye: 'Auf Wiedersehen, und danke für Ihre Nachricht!',
  },
  it: {
    greeting: 'Ciao! Come posso aiutarti oggi?',
    thanks: 'Prego! Posso aiutarti in qualcos’altro?',
    identity:
      'Sono un assistente automatico. Rispondo con i nostri contenuti di aiuto, e una persona del nostro team può subentrare quando ne hai bisogno.',
    wellbeing: 'Sto bene, grazie per averlo chiesto! Come posso aiutarti oggi?',
    goodbye: 'Arrivederci, e grazie per averci scritto!',
  },
  nl: {
    greeting: 'Hallo! Waarmee kan ik je vandaag helpen?',
    thanks: 'Graag gedaan! Kan ik je nog ergens anders mee helpen?',
    identity:
      'Ik ben een automatische assistent. Ik antwoord op basis van onze helpinformatie, en iemand van ons team neemt het over wanneer je een persoon nodig hebt.',
    wellbeing: 'Goed, bedankt voor het vragen! Waarmee kan ik je helpen?',
    goodbye: 'Tot ziens, en bedankt voor je bericht!',
  },
};
