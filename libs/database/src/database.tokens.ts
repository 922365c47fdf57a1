/** The service's primary Sequelize connection (the shared database and the control plane). */
export const DATABASE = Symbol('DATABASE');
