export * from './dovecot-server';
